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
        _ when setup.Registry is not null && !IsApiRefusal(error) => Registry(error),
        ErrorKind.Http => $"googleapi: Error {error.Code}: {error.Message}",
        // Something that is not fleet answered the client's discovery request with an error
        // status (etcd's 404, say); fleetctl, which sends no discovery request, got the same
        // answer to its own and printed googleapi's words for a body it could not read.
        ErrorKind.NotFleet when error.Code >= 400 && error.Received is { } body => $"googleapi: got HTTP response code {error.Code} with body: {Unshown(body)}",
        _ => $"Get {Core.Text.GoQuoting.Quote(setup.RequestUrl(target))}: {error.Message}",
    };

    /// <summary>
    /// What fleetctl's etcd driver prints for a failure: etcd's client's own text, in which each
    /// member's failure ends a line (<c>client: etcd cluster is unavailable or misconfigured; error
    /// #0: dial tcp ...</c> and a line break).
    /// </summary>
    /// <param name="error">The failure.</param>
    /// <returns>The text.</returns>
    public static string Registry(APIError error)
    {
        const string Unavailable = "client: etcd cluster is unavailable or misconfigured";
        const string Member = "; error #";
        if (!error.Message.StartsWith(Unavailable + Member, StringComparison.Ordinal)) return error.Message;
        var members = error.Message[(Unavailable.Length + Member.Length)..].Split(Member);
        return Unavailable + string.Concat(members.Select(member => $"{Member}{member}\n"));
    }

    // The body as it came, from the escaped form errors show it in (\r, \n, \t, \\, \xNN).
    private static string Unshown(string shown) => System.Text.RegularExpressions.Regex.Replace(
        shown, @"\\(x[0-9a-f]{2}|[rnt\\])", m => m.Groups[1].Value switch
        {
            "r" => "\r",
            "n" => "\n",
            "t" => "\t",
            "\\" => "\\",
            var hex => ((char)Convert.ToInt32(hex[1..], 16)).ToString(),
        });

    // The registry driver refuses what fleet's API refuses (a template activated, ...) with the
    // API's code and message; those read as the API driver prints them. etcd's own errors carry
    // etcd's code.
    private static bool IsApiRefusal(APIError error) => error.Kind == ErrorKind.Http && error.EtcdCode is null;
}
