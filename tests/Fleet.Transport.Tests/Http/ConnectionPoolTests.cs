using System.Buffers;
using System.Text;
using System.Text.Json;
using Fleet.Core;
using Fleet.Transport.Connections;
using Fleet.Transport.Http;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace Fleet.Transport.Tests.Http;

/// <summary>The pool against Kestrel over a unix socket, TCP and TLS, and against scripted faults.</summary>
public sealed class ConnectionPoolTests : IDisposable
{
    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    private static Either<APIError, string> Text(HttpResponse response) => Encoding.UTF8.GetString(response.Body.ToArray());

    private static Either<APIError, FleetUnit> Unit(HttpResponse response)
    {
        if (response.StatusCode != 200) return APIError.Http(response.StatusCode, Encoding.UTF8.GetString(response.Body.ToArray()));
        var reader = new Utf8JsonReader(response.Body);
        return JsonSerializer.Deserialize<FleetUnit>(ref reader)!;
    }

    private static HttpRequest Get(string target, string host = "localhost") => new("GET", target, host);

    public static TheoryData<string> Transports() => ["unix", "tcp", "tls"];

    private async Task<(TestFleetServer Server, ConnectionPool Pool)> StartAsync(string transport, HttpTransportOptions? options = null, ILogger? logger = null)
    {
        var server = transport switch
        {
            "unix" => await TestFleetServer.UnixAsync(),
            "tcp" => await TestFleetServer.TcpAsync(),
            _ => await TestFleetServer.TlsAsync(certificates),
        };
        IFleetConnector connector = transport switch
        {
            "unix" => SocketConnector.Unix(server.SocketPath!),
            "tcp" => SocketConnector.Tcp("127.0.0.1", server.Port),
            _ => Assert.Single(TlsConnector.Create(SocketConnector.Tcp("127.0.0.1", server.Port), "localhost", new TlsOptions(certificates.CaFile)).RightToSeq()),
        };
        return (server, new ConnectionPool(connector, options, logger));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Json_is_decoded_straight_from_the_response(string transport)
    {
        var (server, pool) = await StartAsync(transport);
        await using (server)
        await using (pool)
        {
            Assert.Equal(TestFleetServer.Hello, Assert.Single((await pool.SendAsync(Get("/fleet/v1/units/hello.service"), Unit, default)).RightToSeq()));
            var missing = Assert.Single((await pool.SendAsync(Get("/fleet/v1/units/nope.service"), Unit, default)).LeftToSeq());
            Assert.Equal(404, missing.Code);
            var head = await pool.SendAsync(new HttpRequest("HEAD", "/fleet/v1/units/hello.service", "localhost"), r => (Either<APIError, long>)r.Body.Length, default);
            Assert.Equal(0, Assert.Single(head.RightToSeq()));
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Large_chunked_bodies_arrive_whole(string transport)
    {
        var (server, pool) = await StartAsync(transport);
        await using (server)
        await using (pool)
        {
            var body = Assert.Single((await pool.SendAsync(Get("/big/300000"), Text, default)).RightToSeq());
            Assert.Equal(new string('x', 300000), body);
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Sequential_requests_share_one_connection(string transport)
    {
        var (server, pool) = await StartAsync(transport);
        await using (server)
        await using (pool)
        {
            var connections = new System.Collections.Generic.HashSet<string>();
            for (var i = 0; i < 20; i++)
            {
                var text = Assert.Single((await pool.SendAsync(Get($"/echo/r{i}"), Text, default)).RightToSeq());
                Assert.StartsWith($"r{i} on ", text, StringComparison.Ordinal);
                connections.Add(text[(text.IndexOf(" on ", StringComparison.Ordinal) + 4)..]);
            }
            Assert.Single(connections);
            Assert.Equal(1, pool.IdleCount);
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Concurrent_callers_get_their_own_answers_within_the_connection_limit(string transport)
    {
        var (server, pool) = await StartAsync(transport, new HttpTransportOptions { MaxConnections = 4 });
        await using (server)
        await using (pool)
        {
            var connections = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
            await Parallel.ForAsync(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            {
                var text = Assert.Single((await pool.SendAsync(Get($"/echo/n{i}"), Text, token)).RightToSeq());
                Assert.StartsWith($"n{i} on ", text, StringComparison.Ordinal);
                connections[text[(text.IndexOf(" on ", StringComparison.Ordinal) + 4)..]] = true;
            });
            Assert.InRange(connections.Count, 1, 4);
        }
    }

    // The scripted server closes each connection after its one answer, so the second request
    // meets a connection the server has closed: it fails before any response byte.
    [Fact]
    public async Task A_request_on_a_connection_the_server_closed_while_idle_is_retried_once()
    {
        await using var server = new ScriptedServer(
            [[ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none")], [ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo")]],
            closeAfter: true);
        await using var pool = new ConnectionPool(SocketConnector.Tcp("127.0.0.1", server.Port));
        Assert.Equal("one", Assert.Single((await pool.SendAsync(Get("/a"), Text, default)).RightToSeq()));
        Assert.Equal("two", Assert.Single((await pool.SendAsync(Get("/b"), Text, default)).RightToSeq()));
        Assert.Equal(2, server.Accepted);
    }

    // The server reads the PATCH on the kept-alive connection, then closes it without answering.
    [Fact]
    public async Task A_non_idempotent_request_is_never_retried()
    {
        await using var server = new ScriptedServer(
            [[ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"), null], [ScriptedServer.Bytes("HTTP/1.1 204 No Content\r\n\r\n")]],
            closeAfter: true);
        await using var pool = new ConnectionPool(SocketConnector.Tcp("127.0.0.1", server.Port));
        Assert.Equal("one", Assert.Single((await pool.SendAsync(Get("/a"), Text, default)).RightToSeq()));
        var patch = new HttpRequest("PATCH", "/fleet/v1/machines", "localhost", "[]"u8.ToArray());
        Assert.Equal(ErrorKind.Transport, Assert.Single((await pool.SendAsync(patch, Text, default)).LeftToSeq()).Kind);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task A_stalled_response_times_out_and_its_connection_is_dropped()
    {
        // Long enough that the follow-up request on a new connection cannot hit it on a loaded
        // CI machine; the stalled one always does.
        var (server, pool) = await StartAsync("tcp", new HttpTransportOptions { RequestTimeout = TimeSpan.FromSeconds(2) });
        await using (server)
        await using (pool)
        {
            var error = Assert.Single((await pool.SendAsync(Get("/stall"), Text, default)).LeftToSeq());
            Assert.Equal(ErrorKind.Timeout, error.Kind);
            Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, pool.IdleCount);
            Assert.StartsWith("after on ", Assert.Single((await pool.SendAsync(Get("/echo/after"), Text, default)).RightToSeq()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_callers_cancellation_is_an_exception_and_drops_the_connection()
    {
        var (server, pool) = await StartAsync("tcp");
        await using (server)
        await using (pool)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.SendAsync(Get("/stall"), Text, cancel.Token).AsTask());
            Assert.Equal(0, pool.IdleCount);
        }
    }

    [Fact]
    public async Task Unreachable_endpoints_say_why_like_fleetctl()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"fleet-missing-{Guid.NewGuid():N}.sock");
        await using var unix = new ConnectionPool(SocketConnector.Unix(missing));
        var error = Assert.Single((await unix.SendAsync(Get("/fleet/v1/machines", "domain-sock"), Text, default)).LeftToSeq());
        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.StartsWith($"dial unix {missing}: connect: ", error.Message, StringComparison.Ordinal);

        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var tcp = new ConnectionPool(SocketConnector.Tcp("127.0.0.1", port));
        Assert.StartsWith($"dial tcp 127.0.0.1:{port}: connect: ", Assert.Single((await tcp.SendAsync(Get("/"), Text, default)).LeftToSeq()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_never_opens_times_out()
    {
        await using var pool = new ConnectionPool(new NeverConnects(), new HttpTransportOptions { ConnectTimeout = TimeSpan.FromMilliseconds(200) });
        var error = Assert.Single((await pool.SendAsync(Get("/"), Text, default)).LeftToSeq());
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Contains("connecting to nowhere took longer than 0.2 s", error.Message, StringComparison.Ordinal);
    }

    private sealed class NeverConnects : IFleetConnector
    {
        public string Description => "nowhere";

        public async Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Tls_trusts_only_the_given_ca(bool otherCa, bool succeeds)
    {
        await using var server = await TestFleetServer.TlsAsync(certificates);
        var tls = new TlsOptions(otherCa ? certificates.OtherCaFile : certificates.CaFile);
        var connector = Assert.Single(TlsConnector.Create(SocketConnector.Tcp("127.0.0.1", server.Port), "localhost", tls).RightToSeq());
        await using var pool = new ConnectionPool(connector);
        var result = await pool.SendAsync(Get("/echo/x"), Text, default);
        Assert.Equal(succeeds, result.IsRight);
        foreach (var error in result.LeftToSeq()) Assert.StartsWith("TLS handshake with localhost failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_checks_the_server_name_and_presents_a_client_certificate_when_asked()
    {
        await using var server = await TestFleetServer.TlsAsync(certificates, requireClientCertificate: true);
        var wrongName = Assert.Single(TlsConnector.Create(SocketConnector.Tcp("127.0.0.1", server.Port), "fleet.example", new TlsOptions(certificates.CaFile)).RightToSeq());
        await using (var pool = new ConnectionPool(wrongName))
        {
            Assert.True((await pool.SendAsync(Get("/echo/x", "fleet.example"), Text, default)).IsLeft);
        }
        var withClient = Assert.Single(TlsConnector.Create(SocketConnector.Tcp("127.0.0.1", server.Port), "localhost",
            new TlsOptions(certificates.CaFile, certificates.ClientCertFile, certificates.ClientKeyFile)).RightToSeq());
        await using (var pool = new ConnectionPool(withClient))
        {
            Assert.True((await pool.SendAsync(Get("/echo/x"), Text, default)).IsRight);
        }
    }

    [Fact]
    public void Unreadable_tls_files_are_a_clear_error()
    {
        var error = Assert.Single(TlsConnector.Create(SocketConnector.Tcp("127.0.0.1", 1), "localhost", new TlsOptions("/nonexistent/ca.pem")).LeftToSeq());
        Assert.Contains("cannot read the TLS files", error.Message, StringComparison.Ordinal);
        Assert.Contains("both a certificate file and a key file", Assert.Single(TlsConnector.Create(SocketConnector.Tcp("127.0.0.1", 1), "localhost", new TlsOptions(null, certificates.ClientCertFile)).LeftToSeq()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_logs_one_line_per_exchange_and_only_trace_shows_bodies()
    {
        var debug = new CapturingLogger(LogLevel.Debug);
        var (server, pool) = await StartAsync("tcp", logger: debug);
        await using (server)
        await using (pool)
        {
            await pool.SendAsync(Get("/echo/first"), Text, default);
            await pool.SendAsync(new HttpRequest("PATCH", "/fleet/v1/machines", "localhost", "[{\"secret\":1}]"u8.ToArray()), Text, default);
        }
        Assert.Equal(2, debug.Lines.Count);
        Assert.Matches(@"^GET /echo/first -> 200 in [0-9.]+ ms on connection \d+ \(new\)$", debug.Lines[0].Message);
        Assert.Matches(@"^PATCH /fleet/v1/machines -> 200 in [0-9.]+ ms on connection \d+ \(reused\)$", debug.Lines[1].Message);
        Assert.DoesNotContain(debug.Lines, l => l.Message.Contains("secret", StringComparison.Ordinal));

        var trace = new CapturingLogger(LogLevel.Trace);
        (server, pool) = await StartAsync("tcp", logger: trace);
        await using (server)
        await using (pool)
        {
            await pool.SendAsync(new HttpRequest("PATCH", "/fleet/v1/machines", "localhost", "[{\"secret\":1}]"u8.ToArray()), Text, default);
        }
        Assert.Contains(trace.Lines, l => l.Level == LogLevel.Trace && l.Message == "request body of PATCH /fleet/v1/machines: [{\"secret\":1}]");
        Assert.Contains(trace.Lines, l => l.Level == LogLevel.Trace && l.Message.StartsWith("response body of PATCH", StringComparison.Ordinal));
    }
}
