using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fleet.Core;
using Fleet.Transport;

namespace Fleet.Benchmarks;

/// <summary>
/// GET of one unit (fleet's recorded answer) against a canned server in another process, pinned
/// to the other core where there are two: FleetClient.GetUnitAsync beside HttpClient with
/// SocketsHttpHandler and System.Text.Json's generated code, over a unix socket and loopback TCP,
/// with 1 or 8 requests in flight on as many connections. This process holds only the client, so
/// Allocated and CPU/op (this process's CPU time per request, see <see cref="CpuTimeDiagnoser"/>)
/// are the client's alone; the mean is wall time and includes waiting for the server.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class UnitGetProcessBenchmarks
{
    private const int Requests = 1000;

    private CannedServerChild server = null!;
    private FleetClient fleet = null!;
    private HttpClient httpClient = null!;

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
