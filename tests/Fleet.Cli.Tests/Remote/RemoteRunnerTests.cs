using Fleet.Cli.Parsing;
using Fleet.Cli.Remote;
using Fleet.Ssh;
using static Fleet.Cli.Tests.Remote.RemoteCluster;

namespace Fleet.Cli.Tests.Remote;

/// <summary>fleetctl's <c>runCommand</c> parts that a whole run does not show: this machine's own units run here, and how ports and remote ends become what fleetctl reports.</summary>
public sealed class RemoteRunnerTests(RemoteCluster cluster) : IClassFixture<RemoteCluster>
{
    [Theory]
    [InlineData("hello.service", 0)]
    [InlineData("failing.service", 3)]
    public async Task A_unit_on_this_machine_runs_here_without_ssh(string unit, int exit)
    {
        // This machine is the one the file names; the SSH options lead nowhere, so only a local run can succeed.
        var machineId = Path.Combine(cluster.Folder, $"machine-id-{unit}");
        await File.WriteAllTextAsync(machineId, Plain + "\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, new Dictionary<string, string>());
        var runner = new RemoteRunner(context, new SshTunnelOptions { Tunnel = "127.0.0.1:1", UseAgent = false, UseDefaultKeyFiles = false }, 1, machineId);
        await using var client = (await FleetClient.ConnectAsync(cluster.Fleet.Endpoint)).Match(c => c, error => throw new InvalidOperationException(error.Message));
        var setup = new ClientSetup(Core.FleetEndpoint.Parse(cluster.Fleet.Endpoint).Match(e => e, error => throw new InvalidOperationException(error.Message)), FleetClientOptions.Default);

        var code = await runner.RunCommandAsync(new ClusterLookup(client, setup), Plain, Path.Combine(cluster.Bin, "systemctl"), ["status", "-l", unit], CancellationToken.None);

        Assert.Equal(exit, code);
        Assert.Equal(Called("systemctl", "status", "-l", unit), stdout.ToString());
        Assert.Equal("systemctl's standard error\n", stderr.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1", 22, "10.0.0.1")]
    [InlineData("10.0.0.1", 2222, "10.0.0.1:2222")]
    [InlineData("10.0.0.1:2200", 2222, "10.0.0.1:2200")]
    public void The_ssh_port_is_added_only_to_an_address_without_one(string address, long port, string dialled) =>
        Assert.Equal(dialled, RemoteFlags.WithSshPort(address, port));

    [Theory]
    [InlineData("10", 10L)]
    [InlineData("+4", 4L)]
    [InlineData("-3", -3L)]
    [InlineData("0x10", 16L)]
    [InlineData("010", 8L)]
    [InlineData("0o17", 15L)]
    [InlineData("0b101", 5L)]
    [InlineData("0x_1f", 31L)]
    [InlineData("0_10", 8L)]
    [InlineData("1_000", 1000L)]
    [InlineData("5000000000", 5000000000L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integer_flags_read_as_gos_parse_int_with_base_zero(string text, long value)
    {
        var (parsed, errors) = ParseInteger(text);

        Assert.Equal((value, ""), (parsed, errors));
    }

    [Theory]
    [InlineData("abc", "invalid syntax")]
    [InlineData("1__000", "invalid syntax")]
    [InlineData("_1", "invalid syntax")]
    [InlineData("0x", "invalid syntax")]
    [InlineData("09", "invalid syntax")]
    [InlineData("0x_", "invalid syntax")]
    [InlineData("9223372036854775808", "value out of range")]
    public void Integer_flags_refuse_in_pflags_words(string text, string why)
    {
        var (_, errors) = ParseInteger(text);

        Assert.Equal($"invalid argument \"{text}\" for --lines: strconv.ParseInt: parsing \"{text}\": {why}", errors);
    }

    private static (long? Value, string Errors) ParseInteger(string text)
    {
        var lines = RemoteFlags.Integer("--lines", "Number of recent log lines to return");
        var root = new System.CommandLine.RootCommand { lines };
        var parse = root.Parse(["--lines", text]);
        return (parse.Errors.Count == 0 ? parse.GetValue(lines) : null, string.Join("; ", parse.Errors.Select(error => error.Message)));
    }

    [Theory]
    [InlineData(0, null, 0)]
    [InlineData(3, null, 3)]
    [InlineData(null, "TERM", 143)]
    [InlineData(null, "KILL", 137)]
    [InlineData(null, "XCPU", 128)]
    public void A_remote_end_is_the_exit_code_gos_ssh_reports(int? status, string? signal, int code) =>
        Assert.Equal(code, RemoteExitCodes.Of(new RemoteExit(status, signal)));

    [Fact]
    public void A_remote_end_without_status_or_signal_has_no_exit_code() =>
        Assert.Null(RemoteExitCodes.Of(new RemoteExit(null, null)));
}
