using System.Net;
using Fleet.Simulator.Hosting;

namespace Fleet.Simulator.Tests.Standalone;

public sealed class FleetServerArgumentsTests
{
    [Theory]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("0.0.0.0:4001", "0.0.0.0", 4001)]
    [InlineData("[::1]:0", "::1", 0)]
    [InlineData("[::]:65535", "::", 65535)]
    [InlineData("localhost:8080", "127.0.0.1", 8080)]
    public void Tcp_reads_host_and_port(string text, string address, int port)
    {
        Assert.True(FleetServerArguments.TryParseTcp(text, out var endPoint, out var error), error);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endPoint);
    }

    [Theory]
    [InlineData("nonsense", "'nonsense' is not HOST:PORT")]
    [InlineData("127.0.0.1", "'127.0.0.1' is not HOST:PORT")]
    [InlineData("127.0.0.1:", "'' in '127.0.0.1:' is not a port")]
    [InlineData("127.0.0.1:65536", "'65536' in '127.0.0.1:65536' is not a port from 0 to 65535")]
    [InlineData("127.0.0.1:-1", "'-1' in '127.0.0.1:-1' is not a port")]
    [InlineData("::1:0", "'::1:0': put an IPv6 address in brackets, as in [::1]:0")]
    [InlineData("[127.0.0.1]:0", "'[127.0.0.1]' in '[127.0.0.1]:0' is not an IP address")]
    [InlineData("1:0", "'1' in '1:0' is not an IP address")]
    [InlineData("example.com:80", "'example.com' in 'example.com:80' is not an IP address (or localhost)")]
    [InlineData(":80", "'' in ':80' is not an IP address")]
    public void Tcp_refuses_what_is_not_an_address_and_port(string text, string message)
    {
        Assert.False(FleetServerArguments.TryParseTcp(text, out var endPoint, out var error));
        Assert.Null(endPoint);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_carry_the_arguments_with_an_absolute_socket_path()
    {
        var options = FleetServerArguments.ToOptions("fleet.sock", new IPEndPoint(IPAddress.IPv6Loopback, 0), 7, 0);

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "fleet.sock"), options.UnixSocketPath);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 0), options.TcpEndPoint);
        Assert.Equal(7, options.MachineCount);
        Assert.Equal(TimeSpan.Zero, options.AgentDelay);
    }

    [Fact]
    public void Defaults_are_the_in_process_servers()
    {
        var defaults = new FleetServerOptions();
        var options = FleetServerArguments.ToOptions(null, null, FleetServerArguments.DefaultMachineCount, FleetServerArguments.DefaultAgentDelayMilliseconds);

        Assert.Equal(defaults, options);
    }

    [Fact]
    public void Checks_refuse_what_the_server_cannot_use()
    {
        Assert.NotNull(FleetServerArguments.ValidateMachineCount(-1));
        Assert.Null(FleetServerArguments.ValidateMachineCount(0));
        Assert.NotNull(FleetServerArguments.ValidateAgentDelay(-1));
        Assert.Null(FleetServerArguments.ValidateAgentDelay(0));
        Assert.Equal("the unix socket path is empty", FleetServerArguments.ValidateUnixSocketPath(""));
        Assert.Contains("longer than the 107 bytes", FleetServerArguments.ValidateUnixSocketPath("/tmp/" + new string('a', 103)), StringComparison.Ordinal);
        Assert.Null(FleetServerArguments.ValidateUnixSocketPath("/tmp/" + new string('a', 102)));
        Assert.Contains("does not exist", FleetServerArguments.ValidateUnixSocketPath("/no-such-directory-here/fleet.sock"), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FleetServerArguments.ToOptions(null, null, -1, 0));
    }
}
