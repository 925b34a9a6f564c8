using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Fleet.Core;

namespace Fleet.Transport.Tests.Api;

/// <summary>
/// The spans and instruments of each exchange, read as an OpenTelemetry exporter reads them.
/// Listeners see every test's exchanges, so each test keeps only those to its own server
/// (by port or socket path), and runs in parallel with the others.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_successful_get_has_a_client_span_and_a_duration_with_http_semantic_conventions()
    {
        await using var scope = await ClientScope.StartAsync(unix: false);
        var port = new Uri(scope.Server.Endpoint).Port;
        using var seen = new Seen(tags => Has(tags, "server.port", port));

        (await scope.Client.ListMachinesAsync()).Right();

        var span = Assert.Single(seen.Spans);
        Assert.Equal(("GET", ActivityKind.Client, ActivityStatusCode.Unset), (span.DisplayName, span.Kind, span.Status));
        Assert.Equal("Fleet.Transport", span.Source.Name);
        Assert.False(string.IsNullOrEmpty(span.Source.Version));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal(port, span.GetTagItem("server.port"));
        Assert.Equal($"http://127.0.0.1:{port}/fleet/v1/machines", span.GetTagItem("url.full"));
        Assert.Equal("http", span.GetTagItem("url.scheme"));
        Assert.Equal("1.1", span.GetTagItem("network.protocol.version"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Null(span.GetTagItem("network.transport"));

        var duration = Assert.Single(seen.Measurements("http.client.request.duration"));
        Assert.InRange(duration.Value, 0, span.Duration.TotalSeconds + 1);
        Assert.Equal("GET", duration.Tags["http.request.method"]);
        Assert.Equal(200, duration.Tags["http.response.status_code"]);
        Assert.Equal(("127.0.0.1", port, "1.1"), (duration.Tags["server.address"], duration.Tags["server.port"], duration.Tags["network.protocol.version"]));
        Assert.False(duration.Tags.ContainsKey("error.type"));
    }

    [Fact]
    public async Task A_404_is_an_error_whose_type_is_the_status_code()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        var socket = scope.Server.UnixSocketPath!;
        using var seen = new Seen(tags => Has(tags, "server.address", socket));

        var error = (await scope.Client.GetUnitAsync("ghost.service")).Left();

        Assert.Equal(404, error.Code);
        var span = Assert.Single(seen.Spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
        Assert.Equal("404", span.GetTagItem("error.type"));
        Assert.Equal("unix", span.GetTagItem("network.transport"));
        Assert.Null(span.GetTagItem("server.port"));
        Assert.EndsWith("/fleet/v1/units/ghost.service", (string)span.GetTagItem("url.full")!, StringComparison.Ordinal);
        var duration = Assert.Single(seen.Measurements("http.client.request.duration"));
        Assert.Equal((404, "404"), (duration.Tags["http.response.status_code"], duration.Tags["error.type"]));
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_a_transport_error_without_a_status_code()
    {
        var directory = Directory.CreateTempSubdirectory("fleet-").FullName;
        var socket = Path.Combine(directory, "fleet.sock");
        try
        {
            using var seen = new Seen(tags => Has(tags, "server.address", socket));

            var error = (await FleetClient.ConnectAsync($"unix://{socket}")).Left();

            Assert.Equal(ErrorKind.Transport, error.Kind);
            var span = Assert.Single(seen.Spans);
            Assert.Equal(("GET", ActivityStatusCode.Error), (span.DisplayName, span.Status));
            Assert.Equal("transport", span.GetTagItem("error.type"));
            Assert.Equal("unix", span.GetTagItem("network.transport"));
            Assert.Null(span.GetTagItem("http.response.status_code"));
            var duration = Assert.Single(seen.Measurements("http.client.request.duration"));
            Assert.Equal("transport", duration.Tags["error.type"]);
            Assert.False(duration.Tags.ContainsKey("http.response.status_code"));
            Assert.Empty(seen.Measurements("http.client.open_connections"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_request_on_the_same_connection_shows_reuse_and_connections_are_counted_by_state()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        var socket = scope.Server.UnixSocketPath!;
        using var seen = new Seen(tags => Has(tags, "server.address", socket));
        var client = (await FleetClient.ConnectAsync(scope.Server.Endpoint)).Right();

        (await client.ListMachinesAsync()).Right();
        var (active, idle) = (OpenConnections(seen, "active"), OpenConnections(seen, "idle"));
        await client.DisposeAsync();

        Assert.Equal((0, 1), (active, idle));
        Assert.Equal(0, OpenConnections(seen, "idle"));
        var spans = seen.Spans;
        Assert.Equal(2, spans.Count);
        Assert.Equal(false, spans[0].GetTagItem("fleet.connection.reused"));
        Assert.Equal(true, spans[1].GetTagItem("fleet.connection.reused"));
        Assert.Equal(spans[0].GetTagItem("fleet.connection.id"), spans[1].GetTagItem("fleet.connection.id"));
        Assert.Equal(
            [false, true],
            seen.Measurements("fleet.http.client.connection.uses").Select(m => (bool)m.Tags["fleet.connection.reused"]!));
        var lifetime = Assert.Single(seen.Measurements("http.client.connection.duration"));
        Assert.True(lifetime.Value > 0);
    }

    private static double OpenConnections(Seen seen, string state) =>
        seen.Measurements("http.client.open_connections").Where(m => Equals(m.Tags["http.connection.state"], state)).Sum(m => m.Value);

    private static bool Has(IEnumerable<KeyValuePair<string, object?>> tags, string key, object value) =>
        tags.Any(tag => tag.Key == key && Equals(tag.Value, value));

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>The finished spans and measurements of Fleet.Transport whose tags pass the filter.</summary>
    private sealed class Seen : IDisposable
    {
        private readonly ActivityListener activities;
        private readonly MeterListener meters;
        private readonly ConcurrentQueue<Activity> spans = new();
        private readonly ConcurrentQueue<Measurement> measurements = new();
        private readonly Func<IEnumerable<KeyValuePair<string, object?>>, bool> mine;

        public Seen(Func<IEnumerable<KeyValuePair<string, object?>>, bool> mine)
        {
            this.mine = mine;
            activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == FleetClient.TelemetryName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (mine(activity.TagObjects)) spans.Enqueue(activity);
                },
            };
            ActivitySource.AddActivityListener(activities);
            meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == FleetClient.TelemetryName) listener.EnableMeasurementEvents(instrument);
                },
            };
            meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            meters.Start();
        }

        public IReadOnlyList<Activity> Spans => [.. spans];

        public IReadOnlyList<Measurement> Measurements(string instrument) => [.. measurements.Where(m => m.Instrument == instrument)];

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = tags.ToArray();
            if (mine(copy)) measurements.Enqueue(new Measurement(instrument.Name, value, copy.ToDictionary(t => t.Key, t => t.Value)));
        }

        public void Dispose()
        {
            activities.Dispose();
            meters.Dispose();
        }
    }
}
