using System.Buffers;
using System.Net.Sockets;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fleet.Core;
using Fleet.Tests.Shared;
using Fleet.Transport.Connections;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet.Benchmarks;

/// <summary>
/// GET of one unit (fleet's real answer, 449 bytes) over a unix socket against a canned server
/// in this process that allocates nothing per request: through this library's client, through
/// HttpClient with SocketsHttpHandler on the same socket (both decoding the JSON into the same
/// record with System.Text.Json), and a raw socket exchange of the same bytes as the limit.
/// Figures are per request; allocations are the clients' alone.
/// </summary>
[MemoryDiagnoser]
public class UnitGetBenchmarks
{
    private const int Requests = 2000;
    private static readonly JsonSerializerOptions Json = new();

    private CannedFleetServer server = null!;
    private ConnectionPool pool = null!;
    private HttpClient httpClient = null!;
    private Socket[] rawSockets = [];
    private byte[] requestBytes = [];
    private int responseLength;
    private byte[] responseBody = [];

    [Params(1, 8)]
    public int Connections { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var transcripts = ReferenceData.Folder("transcripts", "FLEET_TRANSCRIPTS");
        var response = File.ReadAllBytes(Path.Combine(transcripts, "0041-unit-get-loaded.response"));
        responseLength = response.Length;
        responseBody = response.AsSpan(response.AsSpan().IndexOf("\r\n\r\n"u8) + 4).ToArray();
        server = new CannedFleetServer(response);

        pool = new ConnectionPool(SocketConnector.Unix(server.SocketPath), new Transport.HttpTransportOptions { MaxConnections = Connections });
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Connections,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(server.SocketPath), token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        httpClient = new HttpClient(handler) { BaseAddress = new Uri("http://domain-sock") };

        var output = new ArrayBufferWriter<byte>();
        RequestWriter.Write(output, Request);
        requestBytes = output.WrittenSpan.ToArray();
        rawSockets = new Socket[Connections];
        for (var i = 0; i < Connections; i++)
        {
            rawSockets[i] = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await rawSockets[i].ConnectAsync(new UnixDomainSocketEndPoint(server.SocketPath));
        }

        // Every client must get the same unit before anything is timed.
        var expected = await ViaHttpClient();
        if (!expected.Equals(await ViaFleet()) || expected.Name != "hello.service") throw new InvalidOperationException("the clients disagree");
    }

    private static readonly HttpRequest Request = new("GET", "/fleet/v1/units/hello.service", FleetEndpoint.UnixHostHeader);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await pool.DisposeAsync();
        httpClient.Dispose();
        foreach (var socket in rawSockets) socket.Dispose();
        server.Dispose();
    }

    // Each worker is one loop over its share of the requests, so the harness adds no allocation
    // per request and the Allocated column is the client's alone.
    [Benchmark(Baseline = true, OperationsPerInvoke = Requests, Description = "HttpClient + System.Text.Json")]
    public Task HttpClientGet() => Workers(HttpClientLoopAsync);

    [Benchmark(OperationsPerInvoke = Requests, Description = "Fleet.Transport pool")]
    public Task FleetGet() => Workers(FleetLoopAsync);

    [Benchmark(OperationsPerInvoke = Requests, Description = "raw socket exchange (limit)")]
    public Task RawExchange() => Task.WhenAll(rawSockets.Select(socket => RawLoopAsync(socket, Requests / Connections)));

    /// <summary>
    /// What both clients allocate to decode the body into a FleetUnit (the result and
    /// System.Text.Json's working memory): subtracted from their rows, the rest is the client's.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Requests, Description = "decoding alone (in both clients)")]
    public FleetUnit DecodeAlone()
    {
        var unit = default(FleetUnit);
        var body = new ReadOnlySequence<byte>(responseBody);
        for (var i = 0; i < Requests; i++) unit = Decode(new HttpResponse(200, null, body)).Match(u => u, _ => null!);
        return unit!;
    }

    private Task Workers(Func<int, Task> loop) => Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => loop(Requests / Connections)));

    private async Task HttpClientLoopAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await httpClient.GetAsync("/fleet/v1/units/hello.service", HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var unit = await JsonSerializer.DeserializeAsync<FleetUnit>(stream, Json);
            if (unit is null) throw new InvalidOperationException("no unit");
        }
    }

    private async Task FleetLoopAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var result = await pool.SendAsync(Request, Decode, CancellationToken.None);
            if (result.IsLeft) throw new InvalidOperationException(result.ToString());
        }
    }

    private async Task<FleetUnit> ViaHttpClient()
    {
        using var response = await httpClient.GetAsync("/fleet/v1/units/hello.service", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        return (await JsonSerializer.DeserializeAsync<FleetUnit>(stream, Json))!;
    }

    private async Task<FleetUnit> ViaFleet()
    {
        var result = await pool.SendAsync(Request, Decode, CancellationToken.None);
        return result.Match(unit => unit, error => throw new InvalidOperationException(error.ToString()));
    }

    private static Either<APIError, FleetUnit> Decode(HttpResponse response)
    {
        var reader = new Utf8JsonReader(response.Body);
        return JsonSerializer.Deserialize<FleetUnit>(ref reader, Json)!;
    }

    private async Task RawLoopAsync(Socket socket, int count)
    {
        var buffer = new byte[4096];
        for (var i = 0; i < count; i++)
        {
            await socket.SendAsync(requestBytes, SocketFlags.None);
            var received = 0;
            while (received < responseLength) received += await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None);
        }
    }
}
