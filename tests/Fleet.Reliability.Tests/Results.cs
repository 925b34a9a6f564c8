using Fleet.Core;
using Fleet.Transport;
using Fleet.Transport.Api;
using LanguageExt;

namespace Fleet.Reliability.Tests;

/// <summary>Reading results in assertions: the value, or a failure that shows the other side.</summary>
internal static class Results
{
    public static T Right<T>(this Either<APIError, T> result) =>
        result.Match(value => value, error => throw new Xunit.Sdk.XunitException($"expected a value, got {error}"));

    public static APIError Left<T>(this Either<APIError, T> result) =>
        result.Match(value => throw new Xunit.Sdk.XunitException($"expected an error, got {value}"), error => error);
}

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
