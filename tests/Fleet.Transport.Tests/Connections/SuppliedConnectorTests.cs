using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Fleet.Core;
using Fleet.Simulator;
using Fleet.Transport.Connections;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet.Transport.Tests.Connections;

/// <summary>The public connector seam: a way to connect that the caller supplies, as a tunnel does.</summary>
public sealed class SuppliedConnectorTests : IDisposable
{
    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    [Fact]
    public async Task The_supplied_connector_carries_every_connection_and_is_released_with_the_client()
    {
        await using var fleet = await StartUnixFleetAsync();
        FleetEndpoint? asked = null;
        var connector = new Opener("to the simulator", () => UnixSocket(fleet.UnixSocketPath!));
        var options = Through(endpoint =>
        {
            asked = endpoint;
            return connector;
        });

        // The endpoint names an address nobody listens on: only the connector reaches fleet.
        var client = (await FleetClient.ConnectAsync("http://fleet.invalid:49153", options)).Right();
        var machines = (await client.ListMachinesAsync()).Right();
        await client.DisposeAsync();

        Assert.Equal(3, machines.Count);
        Assert.Equal(FleetEndpoint.Parse("http://fleet.invalid:49153").Right(), asked);
        Assert.True(connector.Connects >= 1);
        Assert.Equal(1, connector.Disposals);
    }

    [Fact]
    public async Task The_connectors_error_reaches_the_caller_unchanged()
    {
        var refused = new APIError(ErrorKind.Ssh, "ssh 10.0.0.1:22: the tunnel is closed for the night");
        var connector = new Opener("nowhere", () => Task.FromResult<Either<APIError, Stream>>(refused));

        var error = (await FleetClient.ConnectAsync("unix:///var/run/fleet.sock", Through(_ => connector))).Left();

        Assert.Equal(refused, error);
        Assert.True(connector.Connects >= 1);
        Assert.Equal(1, connector.Disposals);
    }

    [Fact]
    public async Task The_factorys_and_the_preparations_errors_reach_the_caller_unchanged()
    {
        var unusable = APIError.Validation("the tunnel address \"::\" is not host[:port]");
        var unprepared = new APIError(ErrorKind.Timeout, "ssh 10.0.0.1:22: no answer within 1 s");
        var connector = new Unprepared(unprepared);

        var fromFactory = (await FleetClient.ConnectAsync("http://10.0.0.1:49153", Through(_ => unusable))).Left();
        var fromPreparation = (await FleetClient.ConnectAsync("http://10.0.0.1:49153", Through(_ => connector))).Left();

        Assert.Equal(unusable, fromFactory);
        Assert.Equal(unprepared, fromPreparation);
        Assert.Equal(0, connector.Connects);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("fleet.example", false)]
    public async Task Https_is_tls_inside_the_supplied_stream_checked_against_the_endpoints_host(string host, bool succeeds)
    {
        await using var server = await TestFleetServer.TlsAsync(certificates);
        var connector = new Opener("loopback", () => Tcp(server.Port));
        var endpoint = FleetEndpoint.Parse($"https://{host}:8443").Right();
        var options = Through(_ => connector).Transport with { Tls = new TlsOptions(certificates.CaFile) };

        var made = Connectors.For(endpoint, options).Right();
        await using (var pool = new ConnectionPool(made))
        {
            var answer = await pool.SendAsync(new HttpRequest("GET", "/echo/x", host), response => (Either<APIError, string>)Encoding.UTF8.GetString(response.Body.ToArray()), default);

            Assert.Equal($"tls {host} over loopback", made.Description);
            Assert.Equal(succeeds, answer.IsRight);
            foreach (var error in answer.LeftToSeq()) Assert.StartsWith($"TLS handshake with {host} failed", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(1, connector.Disposals);
    }

    [Fact]
    public void A_connector_the_client_never_gets_is_released_at_once()
    {
        var connector = new Opener("unused", () => throw new InvalidOperationException("never connects"));
        var options = Through(_ => connector).Transport with { Tls = new TlsOptions(CaFile: "/nonexistent/ca.pem") };

        var error = Connectors.For(FleetEndpoint.Parse("https://fleet.example").Right(), options).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(1, connector.Disposals);
    }

    private static FleetClientOptions Through(Func<FleetEndpoint, Either<APIError, IFleetConnector>> connect) =>
        new() { Transport = HttpTransportOptions.Default with { Connector = connect } };

    private static Task<FleetServer> StartUnixFleetAsync()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fleet-supplied-").FullName, "fleet.sock");
        return FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = path, AgentDelay = TimeSpan.Zero });
    }

    private static async Task<Either<APIError, Stream>> UnixSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return new NetworkStream(socket, ownsSocket: true);
    }

    private static async Task<Either<APIError, Stream>> Tcp(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>A user's connector: opens what it is given and counts connects and disposals; its preparation is the interface's default.</summary>
    private sealed class Opener(string description, Func<Task<Either<APIError, Stream>>> open) : IFleetConnector, IDisposable
    {
        private int connects;
        private int disposals;

        public string Description => description;

        public int Connects => Volatile.Read(ref connects);

        public int Disposals => Volatile.Read(ref disposals);

        public Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref connects);
            return open();
        }

        public void Dispose() => Interlocked.Increment(ref disposals);
    }

    /// <summary>A connector that cannot get ready (a tunnel host that does not answer, say).</summary>
    private sealed class Unprepared(APIError error) : IFleetConnector
    {
        public int Connects { get; private set; }

        public string Description => "unprepared";

        public Task<Either<APIError, LanguageExt.Unit>> PrepareAsync(CancellationToken cancellationToken) => Task.FromResult<Either<APIError, LanguageExt.Unit>>(error);

        public Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken)
        {
            Connects++;
            throw new InvalidOperationException("an unprepared connector is never asked to connect");
        }
    }
}
