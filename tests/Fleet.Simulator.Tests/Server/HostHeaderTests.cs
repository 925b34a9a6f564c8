using System.Net;
using System.Text;
using Fleet.Simulator.Tests.Api;

namespace Fleet.Simulator.Tests.Server;

/// <summary>
/// The Host header as Go 1.19's server judges it, over TCP and a unix socket. GoOracle/host-header.go.txt
/// run under Go 1.19 printed host-header.expected.txt: each raw request (%q) and Go's verdict,
/// "accepted" or every byte Go wrote before it closed the connection.
/// </summary>
public sealed class HostHeaderTests(HostHeaderTests.Fleet fleet) : IClassFixture<HostHeaderTests.Fleet>
{
    private static readonly string ExpectedFile = Path.Combine(AppContext.BaseDirectory, "GoOracle", "host-header.expected.txt");

    public static TheoryData<string, string, bool> GoVerdicts()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var line in File.ReadLines(ExpectedFile, Encoding.UTF8).Where(l => l.Length > 0))
        {
            var fields = line.Split('\t');
            if (fields.Length != 2) throw new InvalidDataException($"{ExpectedFile}: expected 2 tab-separated fields in {line}");
            data.Add(fields[0], fields[1], true);
            data.Add(fields[0], fields[1], false);
        }
        return data;
    }

    [Fact]
    public void The_oracle_holds_verdicts_of_both_kinds()
    {
        var verdicts = GoVerdicts().Select(row => (string)row[1]).ToList();
        Assert.Contains("\"accepted\"", verdicts);
        Assert.Contains(verdicts, v => v.Contains("malformed Host header", StringComparison.Ordinal));
        Assert.Contains(verdicts, v => v.Contains("missing required Host header", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GoVerdicts))]
    public async Task A_host_header_is_taken_or_refused_as_go_does(string quotedRequest, string quotedVerdict, bool overUnixSocket)
    {
        var request = GoQuoted.Unquote(quotedRequest);

        var answer = overUnixSocket
            ? await RawHttp.ExchangeAsync(fleet.Server.UnixSocketPath!, request)
            : await RawHttp.ExchangeAsync(fleet.Server.TcpEndPoint!, request);

        if (quotedVerdict == "\"accepted\"")
        {
            var (statusLine, body) = RawHttp.Split(answer);
            var version = Encoding.Latin1.GetString(request).Split("\r\n")[0][^8..];
            Assert.Equal($"{version} 200 OK", statusLine);
            Assert.Contains("\"id\": \"fleet:v1\"", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(Encoding.Latin1.GetString(GoQuoted.Unquote(quotedVerdict)), Encoding.Latin1.GetString(answer));
        }
    }

    [Fact]
    public async Task A_refused_request_is_answered_after_those_before_it_on_the_connection_which_then_closes()
    {
        var put = FleetHttp.UnitJson(name: null, "inactive", ("Service", "ExecStart", "/bin/true"));
        var requests =
            "GET /fleet/v1/discovery HTTP/1.1\r\nHost: %2Ftmp%2Ffleet.sock\r\n\r\n" +
            $"PUT /fleet/v1/units/refusal-order.service HTTP/1.1\r\nHost: [::1]:49152\r\nContent-Type: application/json\r\nContent-Length: {put.Length}\r\n\r\n{put}" +
            "GET /fleet/v1/units/refusal-order.service HTTP/1.1\r\nHost: a b\r\n\r\n" +
            "GET /fleet/v1/discovery HTTP/1.1\r\nHost: localhost\r\n\r\n";

        var answer = Encoding.Latin1.GetString(await RawHttp.ExchangeUntilClosedAsync(fleet.Server.TcpEndPoint!, requests));

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\nHTTP/1.1 201 Created\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nHTTP/1.1 400 Bad Request: malformed Host header\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request: malformed Host header", answer, StringComparison.Ordinal);
        Assert.Equal(3, answer.Split("HTTP/1.1 ").Length - 1);
    }

    [Theory]
    [InlineData("localhost", "HTTP/1.1 200 OK")]
    [InlineData("a b", "HTTP/1.1 400 Bad Request: malformed Host header")]
    public async Task A_client_cannot_send_the_servers_own_wire_markers(string host, string statusLine)
    {
        var request = $"GET /fleet/v1/discovery HTTP/1.1\r\nHost: {host}\r\nX-Fleet-Wire-Refusal: Bad Request\r\nX-Fleet-Wire-Hang-Up: 1\r\nConnection: close\r\n\r\n";

        var answer = Encoding.Latin1.GetString(await RawHttp.ExchangeUntilClosedAsync(fleet.Server.TcpEndPoint!, request));

        Assert.StartsWith(statusLine + "\r\n", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Fleet-Wire", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hosts_are_judged_in_each_request_after_a_chunked_body_with_trailers()
    {
        var put = FleetHttp.UnitJson(name: null, "inactive", ("Service", "ExecStart", "/bin/true"));
        var requests =
            "PUT /fleet/v1/units/chunked-host.service HTTP/1.1\r\nHost: %2Ftmp%2Ffleet.sock\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
            $"5;ext=1\r\n{put[..5]}\r\n{put.Length - 5:x}\r\n{put[5..]}\r\n0\r\nX-Trailer: Host: a b\r\n\r\n" +
            "GET /fleet/v1/units/chunked-host.service HTTP/1.1\r\nHost: %2Ftmp%2Ffleet.sock\r\nConnection: close\r\n\r\n";

        var answer = Encoding.Latin1.GetString(await RawHttp.ExchangeUntilClosedAsync(fleet.Server.UnixSocketPath!, requests));

        Assert.StartsWith("HTTP/1.1 201 Created\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\nHTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("\"name\":\"chunked-host.service\",\"options\":[{\"name\":\"ExecStart\",\"section\":\"Service\",\"value\":\"/bin/true\"}]}", answer, StringComparison.Ordinal);
    }

    /// <summary>One fleet for every case, on a unix socket and TCP.</summary>
    public sealed class Fleet : IAsyncLifetime
    {
        private readonly TempSocket socket = new();

        public FleetServer Server { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Server = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = socket.Path, TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            socket.Dispose();
        }
    }
}
