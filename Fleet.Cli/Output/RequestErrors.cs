using Fleet.Core;
using Fleet.Cli.Parsing;

namespace Fleet.Cli.Output;

/// <summary>An API failure in the words fleetctl's Go client uses.</summary>
internal static class RequestErrors
{
    /// <summary>
    /// What fleetctl prints for a failed request: Go's <c>url.Error</c> (<c>Get "URL": cause</c>) for
    /// a request that got no answer, googleapi's <c>Error CODE: message</c> for fleet's errors.
    /// </summary>
    /// <param name="error">The failure.</param>
    /// <param name="setup">The client, for the request's URL.</param>
    /// <param name="target">The request's target (<see cref="ClientSetup.Targets"/>).</param>
    /// <returns>The text.</returns>
    public static string Describe(APIError error, ClientSetup setup, string target) => error.Kind switch
    {
        ErrorKind.Http => $"googleapi: Error {error.Code}: {error.Message}",
        _ => $"Get {Core.Text.GoQuoting.Quote(setup.RequestUrl(target))}: {error.Message}",
    };
}
