using Fleet.Cli.Commands;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Remote;

/// <summary><c>ssh</c> as a real process: a command, or a shell, on a machine named by its id or by a unit on it.</summary>
public sealed class SshTests(RemoteCluster cluster) : IClassFixture<RemoteCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private Task<CliResult> RunAsync(bool tunnel, params string[] rest) =>
        CliProcess.RunAsync(tunnel ? cluster.TunnelArguments(rest) : cluster.Arguments(rest), cluster.Environment);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_command_runs_on_the_machine_a_machine_id_prefix_names(bool tunnel)
    {
        var result = await RunAsync(tunnel, "ssh", "--ssh-port", cluster.Port, "aaaa1111", "echo", "hello", "from", "the", "machine");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello from the machine\n", result.Stdout);
        Assert.Equal(("", 0), (result.Stderr, result.ExitCode));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_remote_exit_code_is_the_exit_code_and_what_follows_dashes_is_the_command(bool tunnel)
    {
        var result = await RunAsync(tunnel, "ssh", "--machine", RemoteCluster.WithPort, "--", "echo", "-n", "x;", "exit", "7");

        Assert.Equal(("x", 7), (result.Stdout, result.ExitCode));
    }

    [Theory]
    [InlineData(false, "--unit", "hello")]
    [InlineData(true, "--unit", "hello.service")]
    [InlineData(false, "pinned", null)]
    [InlineData(true, "pinned.service", null)]
    public async Task A_command_runs_on_the_machine_of_a_unit(bool tunnel, string first, string? second)
    {
        string[] target = second is null ? [first] : [first, second];

        var result = await RunAsync(tunnel, ["ssh", "--ssh-port", cluster.Port, .. target, "echo", "on", "the", "machine", "of", "the", "unit"]);

        Assert.Equal("on the machine of the unit\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Without_a_command_a_shell_reads_standard_input()
    {
        await using var ssh = StdioProcess.Start(cluster.Arguments("ssh", "--ssh-port", cluster.Port, "aaaa"), cluster.Environment);

        await ssh.WriteAsync("echo in a shell; echo its error >&2; exit 4\n");
        var result = await ssh.WaitForExitAsync(Deadline);

        // fleetctl reports a shell that ended as a success, whatever its status.
        Assert.Equal(("in a shell\n", "its error\n", 0), (result.Stdout, result.Stderr, result.ExitCode));
    }

    [Theory]
    [InlineData(new[] { "--machine", "aaaa", "--unit", "hello" }, "Both machine and unit flags provided, please specify only one.\n")]
    [InlineData(new[] { "--machine", "cccc" }, "Unable to proceed: machine does not exist\n")]
    [InlineData(new[] { "--unit", "everywhere" }, "Unable to proceed: global units unsupported\n")]
    [InlineData(new[] { "--unit", "nope" }, "Unable to proceed: unit does not exist\n")]
    [InlineData(new[] { "--unit", "idle" }, "Could not determine address of machine.\n")]
    [InlineData(new[] { "cccc" }, "Unable to proceed: could not find matching unit or machine\n")]
    [InlineData(new string[0], "Unable to proceed: one machine or unit must be provided\n")]
    [InlineData(new[] { "bbbb" }, "Unable to proceed: ambiguous argument, both machine and unit found for `bbbb`.\nPlease use flag `-m` or `-u` to refine the search\n")]
    public async Task What_names_no_single_machine_is_fleetctls_error(string[] target, string error)
    {
        var result = await RunAsync(false, ["ssh", .. target]);

        Assert.Equal(("", error, 1), (result.Stdout, result.Stderr, result.ExitCode));
    }

    [Fact]
    public async Task Agent_forwarding_is_refused_clearly_rather_than_ignored()
    {
        var result = await RunAsync(false, "ssh", "--A", "--ssh-port", cluster.Port, "aaaa", "echo", "unreached");

        Assert.Equal(("", $"Failed building SSH client: {SshCommand.NoAgentForwarding}\n", 1), (result.Stdout, result.Stderr, result.ExitCode));
    }
}
