using Fleet.Cli.Tests.Harness;
using Fleet.Core;

namespace Fleet.Cli.Tests;

/// <summary><c>serve</c> run as a real process: a simulated fleet on both endpoints until SIGTERM.</summary>
public sealed class ServeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serves_both_endpoints_until_SIGTERM_then_removes_its_socket()
    {
        using var folder = new TemporaryFolder();
        var socket = Path.Combine(folder.Path, "fleet.sock");
        await using var cli = RunningCli.Start(["serve", "--unix", socket, "--tcp", "127.0.0.1:0", "--machines", "4", "--agent-delay", "0"]);
        using var timeout = new CancellationTokenSource(Deadline);
        var announced = await cli.ReadUntilLineAsync("machines:", timeout.Token);
        Assert.NotNull(announced);
        var lines = announced.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tcp = Assert.Single(lines, line => line.StartsWith("fleet API on http://", StringComparison.Ordinal))["fleet API on ".Length..];
        Assert.Equal([$"fleet API on unix://{socket}", $"fleet API on {tcp}", "machines: 4"], lines);

        foreach (var endpoint in new[] { $"unix://{socket}", tcp })
        {
            await using var client = Value(await FleetClient.ConnectAsync(endpoint), endpoint);
            Assert.Equal(4, Value(await client.ListMachinesAsync(), endpoint).Count);
        }
        await cli.SignalAsync("TERM");
        var (exitCode, stderr) = await cli.WaitForExitAsync(Deadline);

        Assert.Equal("", stderr);
        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(socket), "the socket file is still there");
    }

    [Theory]
    [InlineData("--machines", "-1", "--machines: the machine count must be 0 or more, not -1\n")]
    [InlineData("--machines", "many", "--machines: 'many' is not a whole number\n")]
    [InlineData("--agent-delay", "-5", "--agent-delay: the agent delay must be 0 or more milliseconds, not -5\n")]
    [InlineData("--machines=2", "/tmp/fleet.sock", "serve takes no arguments, only flags: /tmp/fleet.sock\n")]
    [InlineData("--tcp", "4001", "--tcp: '4001' is not HOST:PORT (for example 127.0.0.1:0 or [::1]:4001)\n")]
    [InlineData("--etcd-key-prefix", "/otherfleet", "--etcd-key-prefix: only with --etcd\n")]
    [InlineData("--first-machine", "3", "--first-machine: only with --etcd\n")]
    [InlineData("--etcd", ",", "--etcd: no etcd URL given (for example http://127.0.0.1:2379)\n")]
    public async Task Refuses_a_bad_value_before_serving(string flag, string value, string message)
    {
        var result = await CliProcess.RunAsync(["serve", flag, value]);

        Assert.Equal(message, result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Has_help_but_stays_out_of_fleetctls_command_list()
    {
        var help = await CliProcess.RunAsync(["serve", "--help"]);
        var usage = await CliProcess.RunAsync([]);

        Assert.StartsWith("NAME:\n\tserve - Serve fleet's API from a simulated cluster until interrupted\n", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("--machines int", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("serve", usage.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_flag_of_the_one_serve_definition_with_its_description()
    {
        var help = await CliProcess.RunAsync(["serve", "--help"]);

        Assert.All(Fleet.Simulator.FleetServe.Flags, flag =>
            Assert.Matches($@"\n {{6}}--{flag.Name} {flag.ValueKind} +{System.Text.RegularExpressions.Regex.Escape(flag.Description)}\n", help.Stdout));
    }

    private static T Value<T>(LanguageExt.Either<APIError, T> result, string endpoint) =>
        result.Match(value => value, error => throw new Xunit.Sdk.XunitException($"{endpoint}: expected a value, got {error}"));
}
