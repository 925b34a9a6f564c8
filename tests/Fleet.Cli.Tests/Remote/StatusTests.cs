using Fleet.Cli.Tests.Harness;
using static Fleet.Cli.Tests.Remote.RemoteCluster;

namespace Fleet.Cli.Tests.Remote;

/// <summary><c>status</c> as a real process: <c>systemctl status -l UNIT</c> on the unit's machine over SSH, and fleetctl's messages when there is no such machine to ask.</summary>
public sealed class StatusTests(RemoteCluster cluster) : IClassFixture<RemoteCluster>
{
    private const string SystemctlError = "systemctl's standard error\n";

    public enum Route
    {
        Direct,
        Tunnel,
    }

    private string[] Arguments(Route route, params string[] rest) => route == Route.Direct ? cluster.Arguments(rest) : cluster.TunnelArguments(rest);

    private Task<CliResult> RunAsync(Route route, params string[] rest) => CliProcess.RunAsync(Arguments(route, rest), cluster.Environment);

    [Theory]
    [InlineData(Route.Direct)]
    [InlineData(Route.Tunnel)]
    public async Task A_running_unit_shows_systemctl_status_from_its_machine(Route route)
    {
        var result = await RunAsync(route, "status", "--ssh-port", cluster.Port, "hello.service");

        Assert.Equal(Called("systemctl", "status", "-l", "hello.service"), result.Stdout);
        Assert.Equal(SystemctlError, result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData(Route.Direct)]
    [InlineData(Route.Tunnel)]
    public async Task A_machine_that_publishes_its_port_is_reached_on_it_and_units_are_separated_by_a_blank_line(Route route)
    {
        var result = await RunAsync(route, "status", "--ssh-port", cluster.Port, "hello", "pinned.service");

        Assert.Equal(Called("systemctl", "status", "-l", "hello.service") + "\n" + Called("systemctl", "status", "-l", "pinned.service"), result.Stdout);
        Assert.Equal(SystemctlError + SystemctlError, result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task The_remote_exit_code_is_the_exit_code_and_the_first_failure_stops_the_rest()
    {
        var result = await RunAsync(Route.Direct, "status", "--ssh-port", cluster.Port, "failing.service", "hello.service");

        Assert.Equal(Called("systemctl", "status", "-l", "failing.service"), result.Stdout);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task An_unknown_unit_does_not_exist()
    {
        var result = await RunAsync(Route.Direct, "status", "nope");

        Assert.Equal("", result.Stdout);
        Assert.Equal("Unit nope.service does not exist.\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_unit_that_is_not_scheduled_does_not_appear_to_be_loaded()
    {
        var result = await RunAsync(Route.Direct, "status", "idle.service");

        Assert.Equal("Unit idle.service does not appear to be loaded.\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_global_unit_has_no_machine_to_ask_and_shows_nothing()
    {
        var result = await RunAsync(Route.Direct, "status", "everywhere.service");

        Assert.Equal(("", "", 0), (result.Stdout, result.Stderr, result.ExitCode));
    }

    [Fact]
    public async Task A_machine_that_cannot_be_reached_is_fleetctls_ssh_error_and_exit_code_255()
    {
        var closed = ClosedPort();

        var result = await RunAsync(Route.Direct, "status", "--ssh-port", closed, "hello.service");

        Assert.StartsWith($"Unable to SSH to remote host: ssh 127.0.0.1:{closed}: connect: ", result.Stderr);
        Assert.Equal(255, result.ExitCode);
    }

    [Fact]
    public async Task A_port_that_is_not_a_number_is_pflags_error()
    {
        var result = await RunAsync(Route.Direct, "status", "--ssh-port", "ssh", "hello.service");

        Assert.StartsWith("Error: invalid argument \"ssh\" for --ssh-port: strconv.ParseInt: parsing \"ssh\": invalid syntax\n", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    // A port nothing listens on: one just released.
    private static string ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
