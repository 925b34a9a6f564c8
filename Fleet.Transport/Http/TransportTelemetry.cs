using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Fleet.Core;

namespace Fleet.Transport.Http;

/// <summary>
/// Traces and metrics of the exchanges with one endpoint, with OpenTelemetry's HTTP client
/// semantic conventions: a Client span per attempt named by its method, and the
/// <c>http.client.*</c> instruments. Everything is skipped while nobody listens: no span is made
/// without a listener, and no tag list is built for an instrument nobody enabled.
/// </summary>
internal sealed class TransportTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter.</summary>
    public const string Name = "Fleet.Transport";

    private static readonly string? Version = typeof(TransportTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>Spans of the exchanges, one per attempt.</summary>
    public static readonly ActivitySource Source = new(Name, Version);

    private static readonly Meter Meter = new(Name, Version);

    // OpenTelemetry's advice for http.client.request.duration.
    private static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(
        "http.client.request.duration", "s", "Duration of HTTP client requests.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    private static readonly UpDownCounter<long> OpenConnections = Meter.CreateUpDownCounter<long>(
        "http.client.open_connections", "{connection}", "Number of outbound HTTP connections that are currently active or idle on the client.");

    // OpenTelemetry's advice for http.client.connection.duration.
    private static readonly Histogram<double> ConnectionDuration = Meter.CreateHistogram(
        "http.client.connection.duration", "s", "The duration of the successfully established outbound HTTP connections.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300] });

    private static readonly Counter<long> ConnectionUses = Meter.CreateCounter<long>(
        "fleet.http.client.connection.uses", "{request}", "Requests sent, by whether their connection was reused (fleet.connection.reused).");

    private readonly string address;
    private readonly int? port;
    private readonly string scheme;
    private readonly bool unix;

    public TransportTelemetry(FleetEndpoint endpoint)
    {
        unix = endpoint.Kind == EndpointKind.UnixSocket;
        address = unix ? endpoint.SocketPath ?? "" : endpoint.Host;
        port = unix ? null : endpoint.Port;
        // The scheme of the requests themselves: TLS inside is https, a unix socket carries plain http.
        scheme = endpoint.Kind == EndpointKind.Https ? "https" : "http";
        UrlPrefix = unix ? $"http://{endpoint.HostHeader}" : $"{scheme}://{endpoint.HostHeader}";
    }

    private string UrlPrefix { get; }

    /// <summary>
    /// Starts the span of one attempt, or null while no listener wants it. A resent request
    /// carries its <c>http.request.resend_count</c>.
    /// </summary>
    public Activity? StartRequest(HttpRequest request, int resendCount)
    {
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity(request.Method, ActivityKind.Client);
        if (activity is null) return null;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("http.request.method", request.Method);
            activity.SetTag("server.address", address);
            if (port is { } p) activity.SetTag("server.port", p);
            if (unix) activity.SetTag("network.transport", "unix");
            activity.SetTag("url.full", UrlPrefix + request.Target);
            activity.SetTag("url.scheme", scheme);
            activity.SetTag("network.protocol.name", "http");
            activity.SetTag("network.protocol.version", "1.1");
            if (resendCount > 0) activity.SetTag("http.request.resend_count", resendCount);
        }
        return activity;
    }

    /// <summary>Marks on the span which connection carried the request and whether it was reused.</summary>
    public void Connection(Activity? activity, HttpConnection connection, bool reused)
    {
        if (ConnectionUses.Enabled)
        {
            var tags = EndpointTags();
            tags.Add("fleet.connection.reused", reused);
            ConnectionUses.Add(1, tags);
        }
        if (activity is not { IsAllDataRequested: true }) return;
        activity.SetTag("fleet.connection.id", connection.Id);
        activity.SetTag("fleet.connection.reused", reused);
    }

    /// <summary>
    /// Ends an attempt: the status code when an answer was read (0 when none), and the error type
    /// when it failed (the status code for 4xx and 5xx, else the error's kind), on the span and on
    /// <c>http.client.request.duration</c>.
    /// </summary>
    public void EndRequest(Activity? activity, string method, long started, int status, APIError? error)
    {
        if (activity is null && !RequestDuration.Enabled) return;
        Record(activity, method, started, status, error is null ? null : ErrorType(error.Kind));
    }

    /// <summary>Ends an attempt that threw (the caller's cancellation): the exception's type is the error type.</summary>
    public void EndRequest(Activity? activity, string method, long started, Exception exception) =>
        Record(activity, method, started, 0, exception.GetType().FullName);

    private void Record(Activity? activity, string method, long started, int status, string? errorType)
    {
        if (status >= 400) errorType = StatusText(status);
        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                if (status != 0) activity.SetTag("http.response.status_code", status);
                if (errorType is not null) activity.SetTag("error.type", errorType);
            }
            if (errorType is not null) activity.SetStatus(ActivityStatusCode.Error);
            activity.Dispose();
        }
        if (!RequestDuration.Enabled) return;
        var tags = EndpointTags();
        tags.Add("http.request.method", method);
        if (status != 0) tags.Add("http.response.status_code", status);
        if (errorType is not null) tags.Add("error.type", errorType);
        RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    /// <summary>A connection was opened and carries a request: counted active when anyone listens now.</summary>
    public void Opened(HttpConnection connection)
    {
        connection.OpenedAt = Stopwatch.GetTimestamp();
        if (!OpenConnections.Enabled) return;
        connection.Counted = true;
        OpenConnections.Add(1, StateTags(idle: false));
    }

    /// <summary>A connection moves between active and idle (only one counted when it opened, so the count never goes below zero).</summary>
    public void Moved(HttpConnection connection, bool toIdle)
    {
        if (!connection.Counted) return;
        OpenConnections.Add(-1, StateTags(idle: !toIdle));
        OpenConnections.Add(1, StateTags(idle: toIdle));
    }

    /// <summary>A connection is closing, from the state it is in.</summary>
    public void Closing(HttpConnection connection, bool idle)
    {
        if (connection.Counted)
        {
            connection.Counted = false;
            OpenConnections.Add(-1, StateTags(idle));
        }
        if (ConnectionDuration.Enabled && connection.OpenedAt != 0)
        {
            ConnectionDuration.Record(Stopwatch.GetElapsedTime(connection.OpenedAt).TotalSeconds, EndpointTags());
        }
    }

    private TagList StateTags(bool idle)
    {
        var tags = EndpointTags();
        tags.Add("http.connection.state", idle ? "idle" : "active");
        return tags;
    }

    private TagList EndpointTags()
    {
        var tags = new TagList
        {
            { "server.address", address },
            { "url.scheme", scheme },
            { "network.protocol.version", "1.1" },
        };
        if (port is { } p) tags.Add("server.port", p);
        if (unix) tags.Add("network.transport", "unix");
        return tags;
    }

    // Lower case, as OpenTelemetry's own values are; constants, so nothing is allocated.
    private static string ErrorType(ErrorKind kind) => kind switch
    {
        ErrorKind.Http => "http",
        ErrorKind.Transport => "transport",
        ErrorKind.Timeout => "timeout",
        ErrorKind.Protocol => "protocol",
        ErrorKind.Validation => "validation",
        ErrorKind.Decoding => "decoding",
        ErrorKind.Ssh => "ssh",
        ErrorKind.UnitFile => "unit_file",
        ErrorKind.NotFleet => "not_fleet",
        _ => "other",
    };

    // The common codes without an allocation each time.
    private static string StatusText(int status) => status switch
    {
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        409 => "409",
        500 => "500",
        503 => "503",
        _ => status.ToString(CultureInfo.InvariantCulture),
    };
}
