using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>
/// How fleetctl's cobra finds the command: a unique prefix is enough (fleetctl enables prefix
/// matching), and an unknown word is answered with cobra's suggestions (edit distance up to 2, or
/// names starting with it), exit code 0 as in reference step 072.
/// </summary>
public sealed class CommandLookupTests
{
    [Theory]
    [InlineData("list-m")]
    [InlineData("list-machines")]
    public async Task Unique_prefix_runs_the_command(string word)
    {
        await using var fleet = await ServedFleet.StartAsync(FleetTransport.UnixSocket);
        var result = await CliProcess.RunAsync(["--endpoint", fleet.Server.Endpoint, word]);
        Assert.Equal(ReferenceStep.Get("003").Stdout, result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Flag_values_are_not_commands()
    {
        // "--ssh-username vers" takes "vers" as its value; the command is the word after it.
        var result = await CliProcess.RunAsync(["--ssh-username", "vers", "vers"]);
        Assert.Equal("fleetctl version v1.0.0\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("list", "\tlist-machines\n\tlist-unit-files\n\tlist-units\n")]
    [InlineData("versoin", "\tversion\n")]
    [InlineData("sta", "\tssh\n\tstart\n\tstatus\n\tstop\n")]
    public async Task Unknown_word_gets_suggestions(string word, string suggestions)
    {
        var result = await CliProcess.RunAsync([word]);
        var message = $"unknown command \"{word}\" for \"fleetctl\"\n\nDid you mean this?\n{suggestions}";
        Assert.Equal($"Error: {message}\nRun 'fleetctl --help' for usage.\ncannot execute cmdFleet: {message}\n", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }
}
