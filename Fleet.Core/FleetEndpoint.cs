using System.Globalization;
using Fleet.Core.Text;
using LanguageExt;

namespace Fleet.Core;

/// <summary>
/// Where fleet's API listens, parsed from the forms its users write: fleetctl's
/// <c>unix:///var/run/fleet.sock</c> (and <c>file://</c>), python-fleet's
/// <c>http+unix://%2Fvar%2Frun%2Ffleet.sock</c>, <c>http://host:port</c> and <c>https://host:port</c>.
/// </summary>
public sealed record FleetEndpoint
{
    /// <summary>fleetctl's default endpoint.</summary>
    public const string Default = "unix:///var/run/fleet.sock";

    /// <summary>The Host header fleetctl sends over a unix socket.</summary>
    public const string UnixHostHeader = "domain-sock";

    private FleetEndpoint(EndpointKind kind, string host, int port, string? socketPath, string basePath)
    {
        Kind = kind;
        Host = host;
        Port = port;
        SocketPath = socketPath;
        BasePath = basePath;
    }

    /// <summary>How fleet is reached.</summary>
    public EndpointKind Kind { get; }

    /// <summary>The host name or address for TCP and TLS; <see cref="UnixHostHeader"/> for a unix socket.</summary>
    public string Host { get; }

    /// <summary>The TCP port; 0 for a unix socket.</summary>
    public int Port { get; }

    /// <summary>The socket's path for a unix socket.</summary>
    public string? SocketPath { get; }

    /// <summary>A path prefix in front of <c>/fleet/v1</c> (empty, or starting with <c>/</c> and not ending with one).</summary>
    public string BasePath { get; }

    /// <summary>The value of the Host header: <c>domain-sock</c> over a unix socket, as fleetctl sends, else host[:port].</summary>
    public string HostHeader => Kind switch
    {
        EndpointKind.UnixSocket => UnixHostHeader,
        EndpointKind.Http when Port == 80 => Host,
        EndpointKind.Https when Port == 443 => Host,
        _ => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}",
    };

    /// <summary>A unix-socket endpoint.</summary>
    /// <param name="path">The socket's path.</param>
    /// <returns>The endpoint.</returns>
    public static FleetEndpoint UnixSocket(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FleetEndpoint(EndpointKind.UnixSocket, UnixHostHeader, 0, path, "");
    }

    /// <summary>
    /// Parses an endpoint. As fleetctl does, only the first of several comma-separated endpoints is used.
    /// </summary>
    /// <param name="endpoint">The endpoint text.</param>
    /// <returns>The endpoint, or a validation error in fleetctl's words where fleetctl has them.</returns>
    public static Either<APIError, FleetEndpoint> Parse(string? endpoint)
    {
        var text = (endpoint ?? "").Split(',')[0].Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return APIError.Validation("URL scheme undefined");
        var scheme = text[..schemeEnd].ToLowerInvariant();
        var rest = text[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[slash..];
        if (path.IndexOfAny(['?', '#']) >= 0) return APIError.Validation($"endpoint {GoQuoting.Quote(text)} may not have a query or fragment");

        switch (scheme)
        {
            case "unix" or "file":
                // "unix://var/run/fleet.sock" reads "var" as a host: fleetctl's most common mistake.
                if (authority.Length > 0)
                {
                    return APIError.Validation($"unable to connect to host {GoQuoting.Quote(authority)} with scheme {GoQuoting.Quote(scheme)}");
                }
                return Unescape(path).Bind(socket => socket.Length == 0
                    ? Invalid($"endpoint {GoQuoting.Quote(text)} names no socket path")
                    : UnixSocket(socket));
            case "http+unix":
                if (path.Length > 0) return Invalid($"endpoint {GoQuoting.Quote(text)}: the socket path must be percent-encoded as the host (http+unix://%2Fvar%2Frun%2Ffleet.sock)");
                return Unescape(authority).Bind(socket => socket.Length == 0
                    ? Invalid($"endpoint {GoQuoting.Quote(text)} names no socket path")
                    : UnixSocket(socket));
            case "http" or "https":
                var kind = scheme == "http" ? EndpointKind.Http : EndpointKind.Https;
                return HostAndPort(authority, kind == EndpointKind.Http ? 80 : 443, text)
                    .Map(hp => new FleetEndpoint(kind, hp.Host, hp.Port, null, path.TrimEnd('/')));
            default:
                return Invalid($"unsupported endpoint scheme {GoQuoting.Quote(scheme)}: use unix://, http+unix://, http:// or https://");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        EndpointKind.UnixSocket => "unix://" + SocketPath,
        EndpointKind.Http => $"http://{HostHeader}{BasePath}",
        _ => $"https://{HostHeader}{BasePath}",
    };

    private static Either<APIError, FleetEndpoint> Invalid(string message) => APIError.Validation(message);

    private static Either<APIError, string> Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException e)
        {
            return APIError.Validation($"invalid percent-encoding in endpoint: {e.Message}");
        }
    }

    private static Either<APIError, (string Host, int Port)> HostAndPort(string authority, int defaultPort, string text)
    {
        if (authority.Contains('@', StringComparison.Ordinal)) return APIError.Validation($"endpoint {GoQuoting.Quote(text)} may not carry user information");
        string host;
        string? port = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return APIError.Validation($"endpoint {GoQuoting.Quote(text)} has an unclosed \"[\" in its host");
            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':') return APIError.Validation($"endpoint {GoQuoting.Quote(text)} has text after its IPv6 address");
                port = after[1..];
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            if (colon >= 0) port = authority[(colon + 1)..];
        }
        if (host.Length == 0) return APIError.Validation($"endpoint {GoQuoting.Quote(text)} names no host");
        if (port is null || port.Length == 0) return (host, defaultPort);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            return APIError.Validation($"endpoint {GoQuoting.Quote(text)} has an invalid port {GoQuoting.Quote(port)}");
        }
        return (host, number);
    }
}
