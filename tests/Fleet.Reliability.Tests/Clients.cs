using Fleet.Transport;

namespace Fleet.Reliability.Tests;

/// <summary>Clients as a user makes them, with the suite's deadlines.</summary>
internal static class Clients
{
    /// <summary>Options with a short request timeout, so a stalled answer ends quickly.</summary>
    public static FleetClientOptions Options(TimeSpan? requestTimeout = null, Microsoft.Extensions.Logging.ILogger? logger = null) => new()
    {
        Transport = HttpTransportOptions.Default with { RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5) },
        Logger = logger,
    };

    public static async Task<FleetClient> ConnectAsync(string endpoint, FleetClientOptions? options = null) =>
        (await FleetClient.ConnectAsync(endpoint, options ?? Options())).Right();
}
