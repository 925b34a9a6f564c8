using Fleet.Core.Text;

namespace Fleet.Cli.Parsing;

/// <summary>
/// The check fleetctl's etcd client makes of each <c>--endpoint</c> member before any request:
/// Go's <c>url.Parse</c>, whose refusals fleetctl prints as <c>parse "URL": reason</c>. A member
/// Go would take but that is not an http or https URL (<c>localhost:2379</c> parses, with
/// <c>localhost</c> as its scheme) is refused here too, where fleetctl fails only at its first
/// request.
/// </summary>
internal static class EtcdEndpoints
{
    /// <summary>Why the comma-separated members cannot be used, or null when they can.</summary>
    /// <param name="endpoints">fleetctl's <c>--endpoint</c> for the etcd driver.</param>
    /// <returns>The text after <c>Unable to initialize client: </c>, or null.</returns>
    public static string? Problem(string endpoints)
    {
        foreach (var member in endpoints.Split(','))
        {
            if (GoParseProblem(member) is { } problem) return $"parse {GoQuoting.Quote(member)}: {problem}";
            if (!member.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !member.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                return $"etcd endpoint {GoQuoting.Quote(member)} is not an http:// or https:// URL";
            }
        }
        return null;
    }

    // The refusals of Go's url.Parse that a mistyped endpoint meets: a control character, a colon
    // before any scheme, a colon in the first path segment of a URL without a scheme, a port that
    // is not a number.
    private static string? GoParseProblem(string url)
    {
        var text = url.Split('#')[0];
        if (text.Any(c => c < 0x20 || c == 0x7f)) return "net/url: invalid control character in URL";
        var (scheme, rest) = Scheme(text);
        if (scheme is null) return "missing protocol scheme";
        rest = rest.Split('?')[0];
        if (!rest.StartsWith('/'))
        {
            if (scheme.Length > 0) return null;
            return rest.Split('/')[0].Contains(':') ? "first path segment in URL cannot contain colon" : null;
        }
        if (!rest.StartsWith("//", StringComparison.Ordinal)) return null;
        var authority = rest[2..].Split('/')[0];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var colon = host.LastIndexOf(':');
        if (colon < 0 || (host.StartsWith('[') && host.LastIndexOf(']') > colon)) return null;
        var port = host[colon..];
        return port.Skip(1).All(char.IsAsciiDigit) ? null : $"invalid port {GoQuoting.Quote(port)} after host";
    }

    // Go's getScheme: letters, then digits, '+', '-' or '.' after the first, up to a colon.
    // Null when the text starts with a colon; an empty scheme when there is none.
    private static (string? Name, string Remainder) Scheme(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c)) continue;
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0) return ("", text);
                continue;
            }
            if (c == ':') return i == 0 ? (null, "") : (text[..i], text[(i + 1)..]);
            return ("", text);
        }
        return ("", text);
    }
}
