namespace Fleet.Core.Tests;

public class FleetEndpointTests
{
    private static FleetEndpoint Parsed(string text) => Assert.Single(FleetEndpoint.Parse(text).RightToSeq());

    private static string Refused(string? text) => Assert.Single(FleetEndpoint.Parse(text).LeftToSeq()).Message;

    [Theory]
    [InlineData("unix:///var/run/fleet.sock", "/var/run/fleet.sock")]
    [InlineData("file:///var/run/fleet.sock", "/var/run/fleet.sock")]
    [InlineData("http+unix://%2Fvar%2Frun%2Ffleet.sock", "/var/run/fleet.sock")]
    [InlineData("unix:///tmp/with%20space.sock", "/tmp/with space.sock")]
    [InlineData("unix:///a.sock,http://127.0.0.1:1", "/a.sock")]
    public void Unix_sockets_in_fleetctl_and_python_fleet_forms(string text, string path)
    {
        var endpoint = Parsed(text);
        Assert.Equal(EndpointKind.UnixSocket, endpoint.Kind);
        Assert.Equal(path, endpoint.SocketPath);
        Assert.Equal("domain-sock", endpoint.HostHeader);
    }

    [Theory]
    [InlineData("http://127.0.0.1:49153", EndpointKind.Http, "127.0.0.1", 49153, "127.0.0.1:49153", "")]
    [InlineData("http://fleet.example", EndpointKind.Http, "fleet.example", 80, "fleet.example", "")]
    [InlineData("https://fleet.example", EndpointKind.Https, "fleet.example", 443, "fleet.example", "")]
    [InlineData("https://fleet.example:8443/prefix/", EndpointKind.Https, "fleet.example", 8443, "fleet.example:8443", "/prefix")]
    [InlineData("HTTP://[::1]:4002", EndpointKind.Http, "::1", 4002, "[::1]:4002", "")]
    public void Tcp_and_tls_endpoints(string text, EndpointKind kind, string host, int port, string hostHeader, string basePath)
    {
        var endpoint = Parsed(text);
        Assert.Equal((kind, host, port, hostHeader, basePath), (endpoint.Kind, endpoint.Host, endpoint.Port, endpoint.HostHeader, endpoint.BasePath));
        Assert.Null(endpoint.SocketPath);
    }

    [Theory]
    [InlineData("fleet.sock", "URL scheme undefined")]
    [InlineData("", "URL scheme undefined")]
    [InlineData(null, "URL scheme undefined")]
    [InlineData("unix://var/run/fleet.sock", "unable to connect to host \"var\" with scheme \"unix\"")]
    [InlineData("file://run/fleet.sock", "unable to connect to host \"run\" with scheme \"file\"")]
    public void Mistakes_get_fleetctls_messages(string? text, string message) => Assert.Equal(message, Refused(text));

    [Theory]
    [InlineData("ftp://host", "unsupported endpoint scheme")]
    [InlineData("http://host:0", "invalid port")]
    [InlineData("http://host:65536", "invalid port")]
    [InlineData("http://host:x", "invalid port")]
    [InlineData("http://:80", "names no host")]
    [InlineData("http://u:p@host", "user information")]
    [InlineData("http://[::1", "unclosed")]
    [InlineData("http://host/?a=b", "query or fragment")]
    [InlineData("unix://", "names no socket path")]
    [InlineData("http+unix://%2Fa.sock/x", "percent-encoded")]
    public void Other_mistakes_say_what_is_wrong(string text, string fragment) =>
        Assert.Contains(fragment, Refused(text), StringComparison.Ordinal);

    [Fact]
    public void Endpoints_print_back_as_urls()
    {
        Assert.Equal("unix:///var/run/fleet.sock", Parsed(FleetEndpoint.Default).ToString());
        Assert.Equal("https://h:8443/p", Parsed("https://h:8443/p").ToString());
    }
}
