using Fleet.Core;
using Fleet.Transport.Connections;

namespace Fleet.Transport.Tests.Connections;

public class ConnectorsTests
{
    [Theory]
    [InlineData("unix:///var/run/fleet.sock", "unix /var/run/fleet.sock")]
    [InlineData("http+unix://%2Ftmp%2Ff.sock", "unix /tmp/f.sock")]
    [InlineData("http://127.0.0.1:49153", "tcp 127.0.0.1:49153")]
    [InlineData("https://fleet.example:8443", "tls fleet.example over tcp fleet.example:8443")]
    public void Each_endpoint_gets_its_connector(string endpoint, string description)
    {
        var parsed = Assert.Single(FleetEndpoint.Parse(endpoint).RightToSeq());
        Assert.Equal(description, Assert.Single(Connectors.For(parsed, HttpTransportOptions.Default).RightToSeq()).Description);
    }

    [Fact]
    public void Bad_tls_files_are_refused_when_the_connector_is_made()
    {
        var parsed = Assert.Single(FleetEndpoint.Parse("https://fleet.example").RightToSeq());
        var error = Assert.Single(Connectors.For(parsed, HttpTransportOptions.Default with { Tls = new TlsOptions(CaFile: "/nonexistent/ca.pem") }).LeftToSeq());
        Assert.Equal(ErrorKind.Validation, error.Kind);
    }
}
