using System.Text.Json;
using System.Text.Json.Serialization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fleet.Core;
using Fleet.Tests.Shared;
using Fleet.Transport;

namespace Fleet.Benchmarks;

/// <summary>
/// GET of one unit (fleet's recorded answer) against a canned server in another process, pinned
/// to the other core where there are two: FleetClient.GetUnitAsync beside HttpClient with
/// SocketsHttpHandler and System.Text.Json's generated code, over a unix socket and loopback TCP,
/// with 1 or 8 requests in flight on as many connections. This process holds only the client, so
/// Allocated and CPU/op (this process's CPU time per request, see <see cref="CpuTimeDiagnoser"/>)
/// are the client's alone; the mean is wall time and includes waiting for the server. A raw
/// socket exchange of the same bytes shows what the runtime's sockets cost on their own.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class UnitGetProcessBenchmarks
{
    private const int Requests = 1000;

    private CannedServerChild server = null!;
    private FleetClient fleet = null!;
    private HttpClient httpClient = null!;
    private Socket[] rawSockets = [];
    private byte[] rawRequest = [];
    private int responseLength;

    [Params("unix", "tcp")]
    public string Transport { get; set; } = "unix";

    [Params(1, 8)]
    public int Connections { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        server = CannedServerChild.Start();
        var unix = Transport == "unix";
        var endpoint = unix ? $"unix://{server.SocketPath}" : $"http://127.0.0.1:{server.Port}";
        var options = new FleetClientOptions { Transport = HttpTransportOptions.Default with { MaxConnections = Connections } };
        fleet = (await FleetClient.ConnectAsync(endpoint, options)).Match(c => c, error => throw new InvalidOperationException(error.ToString()));

        httpClient = unix
            ? CannedServerChild.UnixHttpClient(server.SocketPath, Connections)
            : new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections }) { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };

        rawRequest = "GET /fleet/v1/units/hello.service HTTP/1.1\r\nHost: domain-sock\r\n\r\n"u8.ToArray();
        responseLength = File.ReadAllBytes(Path.Combine(ReferenceData.Folder("transcripts", "FLEET_TRANSCRIPTS"), "0041-unit-get-loaded.response")).Length;
        rawSockets = new Socket[Connections];
        for (var i = 0; i < Connections; i++)
        {
            rawSockets[i] = unix
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await rawSockets[i].ConnectAsync(unix ? new UnixDomainSocketEndPoint(server.SocketPath) : new IPEndPoint(IPAddress.Loopback, server.Port));
        }

        // Both clients must get the same unit before anything is timed.
        var expected = await ViaHttpClientAsync();
        var got = (await fleet.GetUnitAsync("hello.service")).Match(u => u, error => throw new InvalidOperationException(error.ToString()));
        if (!expected.Equals(got) || got.Name != "hello.service") throw new InvalidOperationException("the clients disagree");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await fleet.DisposeAsync();
        httpClient.Dispose();
        foreach (var socket in rawSockets) socket.Dispose();
        server.Dispose();
    }

    // Each worker is one loop over its share of the requests, so the harness adds nothing per request.
    [Benchmark(Baseline = true, OperationsPerInvoke = Requests, Description = "HttpClient + STJ generated")]
    public Task HttpClientGet() => Workers(async count =>
    {
        for (var i = 0; i < count; i++) _ = await ViaHttpClientAsync();
    });

    [Benchmark(OperationsPerInvoke = Requests, Description = "FleetClient.GetUnitAsync")]
    public Task FleetGet() => Workers(async count =>
    {
        for (var i = 0; i < count; i++)
        {
            var result = await fleet.GetUnitAsync("hello.service");
            if (result.IsLeft) throw new InvalidOperationException(result.ToString());
        }
    });

    /// <summary>
    /// The same exchange on raw sockets, with no HTTP and no JSON: what the runtime's sockets and
    /// thread pool cost per request, the floor under both clients' CPU/op.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Requests, Description = "raw socket exchange (floor)")]
    public Task RawExchange()
    {
        var workers = new Task[Connections];
        for (var i = 0; i < workers.Length; i++) workers[i] = RawLoopAsync(rawSockets[i], Requests / Connections);
        return Task.WhenAll(workers);
    }

    private async Task RawLoopAsync(Socket socket, int count)
    {
        var buffer = new byte[4096];
        for (var i = 0; i < count; i++)
        {
            await socket.SendAsync(rawRequest, SocketFlags.None);
            var received = 0;
            while (received < responseLength) received += await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None);
        }
    }

    private Task Workers(Func<int, Task> loop)
    {
        var workers = new Task[Connections];
        for (var i = 0; i < workers.Length; i++) workers[i] = loop(Requests / Connections);
        return Task.WhenAll(workers);
    }

    private async Task<FleetUnit> ViaHttpClientAsync()
    {
        using var response = await httpClient.GetAsync("/fleet/v1/units/hello.service", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        return await JsonSerializer.DeserializeAsync(stream, GetJson.Default.FleetUnit) ?? throw new InvalidOperationException("no unit");
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddDiagnoser(CpuTimeDiagnoser.Default);
            AddColumn(new CpuTimeColumn(CpuTimeDiagnoser.Default, ratio: false), new CpuTimeColumn(CpuTimeDiagnoser.Default, ratio: true));
        }
    }
}

/// <summary>The baseline's generated serializer for one unit, so neither side pays for reflection.</summary>
[JsonSerializable(typeof(FleetUnit))]
internal sealed partial class GetJson : JsonSerializerContext;
