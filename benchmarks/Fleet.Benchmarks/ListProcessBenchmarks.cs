using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fleet.Core;

namespace Fleet.Benchmarks;

/// <summary>
/// Listing 10,000 units, and their 10,000 states, from a canned server in another process
/// (<see cref="CannedPages"/>: fleet's pages of 100, each one chunk) over a unix socket, pinned
/// to the other core where there are two: FleetClient's async streams read item by item and kept
/// nowhere, beside HttpClient decoding each page with System.Text.Json's generated code and
/// following nextPageToken. This process holds only the client, so Allocated and CPU/op are the
/// client's alone. Per listing; divide by Count for a unit's share.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ListProcessBenchmarks
{
    private CannedServerChild server = null!;
    private FleetClient fleet = null!;
    private HttpClient httpClient = null!;

    [Params(10000)]
    public int Count { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        server = CannedServerChild.Start(Count);
        fleet = (await FleetClient.ConnectAsync($"unix://{server.SocketPath}")).Match(c => c, error => throw new InvalidOperationException(error.ToString()));
        httpClient = CannedServerChild.UnixHttpClient(server.SocketPath, 1);
        if (await HttpClientUnits() != Count || await FleetUnits() != Count || await HttpClientStates() != Count || await FleetStates() != Count)
        {
            throw new InvalidOperationException("a listing missed items");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await fleet.DisposeAsync();
        httpClient.Dispose();
        server.Dispose();
    }

    [Benchmark(Baseline = true, Description = "HttpClient + STJ, page by page"), BenchmarkCategory("units")]
    public Task<int> HttpClientUnits() => HttpClientListAsync("/fleet/v1/units", PageJson.Default.UnitPage);

    [Benchmark(Description = "FleetClient.ListUnits, streamed"), BenchmarkCategory("units")]
    public Task<int> FleetUnits() => CountAsync(fleet.ListUnits());

    [Benchmark(Baseline = true, Description = "HttpClient + STJ, page by page"), BenchmarkCategory("states")]
    public Task<int> HttpClientStates() => HttpClientListAsync("/fleet/v1/state", PageJson.Default.UnitStatePage);

    [Benchmark(Description = "FleetClient.ListUnitStates, streamed"), BenchmarkCategory("states")]
    public Task<int> FleetStates() => CountAsync(fleet.ListUnitStates());

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<LanguageExt.Either<APIError, T>> stream)
    {
        var count = 0;
        await foreach (var item in stream)
        {
            if (item.IsLeft) throw new InvalidOperationException(item.ToString());
            count++;
        }
        return count;
    }

    private async Task<int> HttpClientListAsync<TPage, T>(string path, JsonTypeInfo<TPage> type)
        where TPage : IPage<T>
    {
        var count = 0;
        string? token = null;
        do
        {
            var target = token is null ? path : $"{path}?nextPageToken={Uri.EscapeDataString(token)}";
            using var response = await httpClient.GetAsync(target, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var page = (await JsonSerializer.DeserializeAsync(stream, type))!;
            count += page.Items.Count;
            token = page.NextPageToken;
        }
        while (token is not null);
        return count;
    }

    private Task<int> HttpClientListAsync(string path, JsonTypeInfo<UnitPage> type) => HttpClientListAsync<UnitPage, FleetUnit>(path, type);

    private Task<int> HttpClientListAsync(string path, JsonTypeInfo<UnitStatePage> type) => HttpClientListAsync<UnitStatePage, UnitState>(path, type);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
            AddDiagnoser(CpuTimeDiagnoser.Default);
            AddColumn(new CpuTimeColumn(CpuTimeDiagnoser.Default, ratio: false), new CpuTimeColumn(CpuTimeDiagnoser.Default, ratio: true));
        }
    }
}

/// <summary>The baseline's generated serializers for fleet's pages.</summary>
[JsonSerializable(typeof(UnitPage))]
[JsonSerializable(typeof(UnitStatePage))]
internal sealed partial class PageJson : JsonSerializerContext;
