using Fleet.Cli.Output;
using Fleet.Cli.Parsing;
using Fleet.Core;

namespace Fleet.Cli.Lifecycle;

/// <summary>fleetctl's words for a failed request of any method, and the paths its Go client requests.</summary>
internal static class RegistryErrors
{
    /// <summary>
    /// googleapi's <c>Error CODE: message</c> for fleet's answers; for a request that got none, Go's
    /// <c>url.Error</c>, which names the method as Go spells it (<c>Get</c>, <c>Put</c>).
    /// </summary>
    /// <param name="error">The failure.</param>
    /// <param name="setup">The client, for the request's URL.</param>
    /// <param name="method">The HTTP method, such as <c>PUT</c>.</param>
    /// <param name="path">The request's path and query under the API.</param>
    /// <returns>The text.</returns>
    public static string Describe(APIError error, ClientSetup setup, string method, string path)
    {
        if (error.Kind == ErrorKind.Http) return RequestErrors.Describe(error, setup, path);
        var operation = method[..1].ToUpperInvariant() + method[1..].ToLowerInvariant();
        return $"{operation} {Core.Text.GoQuoting.Quote(setup.RequestUrl(path))}: {error.Message}";
    }

    /// <summary>The path of one unit, as fleetctl's client requests it.</summary>
    /// <param name="name">The unit's name.</param>
    /// <returns>The path and query.</returns>
    public static string UnitPath(string name) => $"units/{Uri.EscapeDataString(name)}?alt=json";

    /// <summary>The path of one unit's state, as fleetctl's client requests it.</summary>
    /// <param name="name">The unit's name.</param>
    /// <returns>The path and query.</returns>
    public static string StatePath(string name) => $"state/{Uri.EscapeDataString(name)}?alt=json";

    /// <summary>The path of the units list.</summary>
    public const string UnitsPath = "units?alt=json";
}
