using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>
/// Go's spellings of booleans, which fleetctl's flags take (the messages for values they refuse
/// are compared with fleetctl's in <see cref="HelpAndUsageTests"/>).
/// </summary>
public sealed class FlagErrorTests
{
    [Theory]
    [InlineData("--debug=false")]
    [InlineData("--strict-host-key-checking=0")]
    [InlineData("--debug")]
    public async Task Go_booleans_are_accepted(string flag)
    {
        var result = await CliProcess.RunAsync([flag, "version"]);
        Assert.Equal("fleetctl version v1.0.0\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("--full=1", "006")]
    [InlineData("--l=T", "006")]
    [InlineData("--full=false", "003")]
    public async Task Command_booleans_take_go_values(string flag, string sameAs)
    {
        await using var fleet = await ServedFleet.StartAsync(FleetTransport.Tcp);
        var result = await CliProcess.RunAsync(["--endpoint", fleet.Server.Endpoint, "list-machines", flag]);
        Assert.Equal(ReferenceStep.Get(sameAs).Stdout, result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }
}
