using Fleet.Core;
using Fleet.Ssh.Tunnel;

namespace Fleet.Ssh.Tests.Tunnel;

public sealed class TunnelAddressTests
{
    [Theory]
    [InlineData("bastion.example.com", "bastion.example.com", 22)]
    [InlineData("10.0.0.7:2222", "10.0.0.7", 2222)]
    [InlineData(" core-01 ", "core-01", 22)]
    [InlineData("[::1]:2222", "::1", 2222)]
    [InlineData("[fe80::1]", "fe80::1", 22)]
    public void Host_and_port_as_fleetctl_takes_them(string text, string host, int port) =>
        Assert.Equal(new TunnelAddress(host, port), TunnelAddress.Parse(text).Right());

    [Theory]
    [InlineData("", "the SSH tunnel needs a host: host[:port]")]
    [InlineData("::1", "an IPv6 address must be written in brackets, as [::1]:22")]
    [InlineData("[::1", "a '[' without its ']'")]
    [InlineData("[::1]2222", "something other than :port after ']'")]
    [InlineData("host:ssh", "the port \"ssh\" is not a number from 1 to 65535")]
    [InlineData("host:70000", "the port \"70000\" is not a number from 1 to 65535")]
    [InlineData("host:", "the port \"\" is not a number from 1 to 65535")]
    [InlineData(":22", "no host")]
    [InlineData("core@host", "a character a host name cannot hold")]
    public void Anything_else_is_refused_saying_why(string text, string why)
    {
        var error = TunnelAddress.Parse(text).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.EndsWith(why, error.Message);
    }

    [Theory]
    [InlineData("host", 22, "host:22")]
    [InlineData("::1", 2222, "[::1]:2222")]
    public void It_prints_as_host_and_port(string host, int port, string text) => Assert.Equal(text, new TunnelAddress(host, port).ToString());
}
