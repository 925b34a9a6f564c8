using System.Globalization;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Ssh.Tunnel;

/// <summary>The SSH server of a tunnel: <c>host</c>, <c>host:port</c>, <c>[v6]</c> or <c>[v6]:port</c>.</summary>
/// <param name="Host">The host name or address, without brackets.</param>
/// <param name="Port">The port, 22 when none was given.</param>
internal sealed record TunnelAddress(string Host, int Port)
{
    public const int DefaultPort = 22;

    /// <param name="text">The address.</param>
    /// <param name="what">What the address is, for messages.</param>
    public static Either<APIError, TunnelAddress> Parse(string? text, string what = "the SSH tunnel")
    {
        if (string.IsNullOrWhiteSpace(text)) return APIError.Validation($"{what} needs a host: host[:port]");
        var value = text.Trim();
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return Invalid(what, text, "a '[' without its ']'");
            host = value[1..close];
            var rest = value[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':') return Invalid(what, text, "something other than :port after ']'");
                port = rest[1..];
            }
        }
        else
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && value.IndexOf(':', colon + 1) >= 0) return Invalid(what, text, "an IPv6 address must be written in brackets, as [::1]:22");
            host = colon < 0 ? value : value[..colon];
            port = colon < 0 ? null : value[(colon + 1)..];
        }
        if (host.Length == 0) return Invalid(what, text, "no host");
        if (host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '@')) return Invalid(what, text, "a character a host name cannot hold");
        if (port is null) return new TunnelAddress(host, DefaultPort);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            return Invalid(what, text, $"the port {Core.Text.GoQuoting.Quote(port)} is not a number from 1 to 65535");
        }
        return new TunnelAddress(host, number);
    }

    private static APIError Invalid(string what, string text, string why) =>
        APIError.Validation($"{what} {Core.Text.GoQuoting.Quote(text)} is not host[:port]: {why}");

    /// <summary><c>host:port</c>, with brackets around an IPv6 address.</summary>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
