using Fleet.Cli.Output;
using Fleet.Cli.Parsing;
using Fleet.Core;

namespace Fleet.Cli.Lifecycle;

/// <summary>fleetctl's words for a failed request of any method.</summary>
internal static class RegistryErrors
{
    /// <summary>
    /// googleapi's <c>Error CODE: message</c> for fleet's answers; for a request that got none, Go's
    /// <c>url.Error</c>, which names the method as Go spells it (<c>Get</c>, <c>Put</c>).
    /// </summary>
    /// <param name="error">The failure.</param>
    /// <param name="setup">The client, for the request's URL.</param>
    /// <param name="method">The HTTP method, such as <c>PUT</c>.</param>
    /// <param name="target">The request's target (<see cref="ClientSetup.Targets"/>).</param>
    /// <returns>The text.</returns>
    public static string Describe(APIError error, ClientSetup setup, string method, string target)
    {
        if (error.Kind == ErrorKind.Http || setup.Registry is not null) return RequestErrors.Describe(error, setup, target);
        var operation = method[..1].ToUpperInvariant() + method[1..].ToLowerInvariant();
        return $"{operation} {Core.Text.GoQuoting.Quote(setup.RequestUrl(target))}: {error.Message}";
    }
}
