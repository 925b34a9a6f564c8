using Fleet.Cli.Tests.Harness;
using static Fleet.Cli.Tests.Remote.RemoteCluster;

namespace Fleet.Cli.Tests.Remote;

/// <summary><c>journal</c> as a real process: fleetctl's <c>journalctl</c> command line run on the unit's machine over SSH.</summary>
public sealed class JournalTests(RemoteCluster cluster) : IClassFixture<RemoteCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lines_reach_journalctl_as_n(bool tunnel)
    {
        string[] command = ["journal", "--ssh-port", cluster.Port, "--lines", "5", "hello"];

        var result = await CliProcess.RunAsync(tunnel ? cluster.TunnelArguments(command) : cluster.Arguments(command), cluster.Environment);

        Assert.True(result.ExitCode == 0 && result.Stderr == "", result.ToString());
        Assert.Equal(Called("journalctl", "--unit", "hello.service", "--no-pager", "-n", "5", "--output", "short"), result.Stdout);
    }

    [Fact]
    public async Task Sudo_runs_journalctl_under_sudo_with_the_output_mode_given()
    {
        var result = await CliProcess.RunAsync(cluster.Arguments("journal", "--sudo", "--output=json", "--lines=0x10", "pinned.service"), cluster.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("sudo " + Called("journalctl", "--unit", "pinned.service", "--no-pager", "-n", "16", "--output", "json"), result.Stdout);
    }

    [Fact]
    public async Task Follow_streams_until_interrupted()
    {
        await using var journal = StdioProcess.Start(cluster.Arguments("journal", "--follow", "pinned.service"), cluster.Environment);

        await journal.WaitForOutputAsync("following\n", Deadline);
        await journal.SignalAsync("INT");
        var result = await journal.WaitForExitAsync(Deadline);

        Assert.Equal(Called("journalctl", "--unit", "pinned.service", "--no-pager", "-n", "10", "--output", "short", "-f") + "following\n", result.Stdout);
        Assert.Equal(130, result.ExitCode);
    }

    [Fact]
    public async Task The_shorthand_is_a_long_flag_named_f()
    {
        var withLongF = StdioProcess.Start(cluster.Arguments("journal", "--f", "pinned.service"), cluster.Environment);
        await using (withLongF)
        {
            await withLongF.WaitForOutputAsync("following\n", Deadline);
            await withLongF.SignalAsync("INT");
            Assert.Equal(130, (await withLongF.WaitForExitAsync(Deadline)).ExitCode);
        }

        var withDashF = await CliProcess.RunAsync(cluster.Arguments("journal", "-f", "pinned.service"), cluster.Environment);

        Assert.StartsWith("Error: unknown shorthand flag: 'f' in -f\n", withDashF.Stderr);
        Assert.Equal(0, withDashF.ExitCode);
    }

    [Theory]
    [InlineData("nope", "Unit nope.service does not exist.\n")]
    [InlineData("idle.service", "Unit idle.service does not appear to be running.\n")]
    [InlineData("everywhere", "Unable to retrieve journal of global unit everywhere.service.\n")]
    public async Task Units_without_a_machine_to_ask_are_fleetctls_errors(string unit, string error)
    {
        var result = await CliProcess.RunAsync(cluster.Arguments("journal", unit), cluster.Environment);

        Assert.Equal(("", error, 1), (result.Stdout, result.Stderr, result.ExitCode));
    }

    [Fact]
    public async Task One_unit_is_needed()
    {
        var result = await CliProcess.RunAsync(cluster.Arguments("journal", "hello.service", "pinned.service"), cluster.Environment);

        Assert.Equal(("One unit file must be provided.\n", 1), (result.Stderr, result.ExitCode));
    }
}
