using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Fleet.Core;
using Fleet.Simulator;

namespace Fleet.Benchmarks;

/// <summary>
/// Listing every unit of a cluster from FleetServer over a unix socket, fleet's pages of 100 one
/// after another: HttpClient decoding each page with System.Text.Json's generated code and
/// following nextPageToken, beside FleetClient's async stream, read item by item and kept
/// nowhere. Per listing; divide Allocated by Count for the bytes per unit.
/// </summary>
[MemoryDiagnoser]
public class UnitListBenchmarks
{
    private string directory = "";
    private FleetServer server = null!;
    private FleetClient client = null!;
    private HttpClient httpClient = null!;
    private readonly byte[] rawBuffer = new byte[1 << 20];

    [Params(1000, 10000)]
    public int Count { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        directory = Directory.CreateTempSubdirectory("fleet-bench-").FullName;
        var socket = Path.Combine(directory, "fleet.sock");
        // Infinite delay: inactive units need no agent, and the engine stays out of the fill.
        server = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = socket, AgentDelay = Timeout.InfiniteTimeSpan });
        client = (await FleetClient.ConnectAsync(server.Endpoint)).Match(c => c, error => throw new InvalidOperationException(error.ToString()));
        foreach (var batch in Enumerable.Range(0, Count).Chunk(64))
        {
            await Task.WhenAll(batch.Select(async i =>
            {
                UnitOption[] options =
                [
                    new("Unit", "Description", $"Worker {i}"),
                    new("Service", "ExecStart", $"/usr/bin/docker run --rm --name worker-{i} busybox sleep infinity"),
                    new("Service", "Restart", "always"),
                    new("X-Fleet", "Conflicts", "worker-*.service"),
                ];
                var created = await client.CreateUnitAsync($"worker-{i:D5}.service", options, DesiredState.Inactive);
                if (created.IsLeft) throw new InvalidOperationException(created.ToString());
            }));
        }
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                return new NetworkStream(unix, ownsSocket: true);
            },
        };
        httpClient = new HttpClient(handler) { BaseAddress = new Uri("http://domain-sock") };

        if (await HttpClientList() != Count || await FleetList() != Count) throw new InvalidOperationException("a listing missed units");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        httpClient.Dispose();
        await client.DisposeAsync();
        await server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "HttpClient + System.Text.Json, page by page")]
    public async Task<int> HttpClientList()
    {
        var count = 0;
        string? token = null;
        do
        {
            var target = token is null ? "/fleet/v1/units" : $"/fleet/v1/units?nextPageToken={Uri.EscapeDataString(token)}";
            using var response = await httpClient.GetAsync(target, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var page = (await JsonSerializer.DeserializeAsync(stream, ListJson.Default.UnitPage))!;
            count += page.Units.Count;
            token = page.NextPageToken;
        }
        while (token is not null);
        return count;
    }

    /// <summary>
    /// The same pages fetched on a raw socket and only scanned for the next token: what the
    /// in-process server and the socket cost. Subtracted from the other rows, the rest is the
    /// client's own.
    /// </summary>
    [Benchmark(Description = "raw socket, no decoding (server's share)")]
    public async Task<int> RawList()
    {
        using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await unix.ConnectAsync(new UnixDomainSocketEndPoint(server.UnixSocketPath!));
        var pages = 0;
        var token = "";
        while (true)
        {
            var request = System.Text.Encoding.ASCII.GetBytes(token.Length == 0
                ? "GET /fleet/v1/units HTTP/1.1\r\nHost: domain-sock\r\n\r\n"
                : $"GET /fleet/v1/units?nextPageToken={token} HTTP/1.1\r\nHost: domain-sock\r\n\r\n");
            await unix.SendAsync(request, SocketFlags.None);
            var received = 0;
            while (!Complete(rawBuffer.AsSpan(0, received)))
            {
                received += await unix.ReceiveAsync(rawBuffer.AsMemory(received), SocketFlags.None);
            }
            pages++;
            var body = rawBuffer.AsSpan(0, received);
            var at = body.LastIndexOf("\"nextPageToken\":\""u8);
            if (at < 0) return pages;
            var start = at + "\"nextPageToken\":\""u8.Length;
            token = System.Text.Encoding.ASCII.GetString(body.Slice(start, body[start..].IndexOf((byte)'"')));
        }
    }

    // A full page is chunked and ends with the empty last chunk; the empty page after an exactly
    // full one is small enough for a Content-Length.
    private static bool Complete(ReadOnlySpan<byte> received)
    {
        var end = received.IndexOf("\r\n\r\n"u8);
        if (end < 0) return false;
        var head = received[..end];
        var length = head.IndexOf("Content-Length: "u8);
        if (length < 0) return received.EndsWith("0\r\n\r\n"u8);
        var digits = head[(length + "Content-Length: "u8.Length)..];
        var eol = digits.IndexOf((byte)'\r');
        return System.Buffers.Text.Utf8Parser.TryParse(eol < 0 ? digits : digits[..eol], out int size, out _) && received.Length >= end + 4 + size;
    }

    [Benchmark(Description = "FleetClient.ListUnits, streamed")]
    public async Task<int> FleetList()
    {
        var count = 0;
        await foreach (var unit in client.ListUnits())
        {
            if (unit.IsLeft) throw new InvalidOperationException(unit.ToString());
            count++;
        }
        return count;
    }
}

/// <summary>The baseline's own generated serializer for fleet's unit pages, so neither side pays for reflection.</summary>
[JsonSerializable(typeof(UnitPage))]
internal sealed partial class ListJson : JsonSerializerContext;
