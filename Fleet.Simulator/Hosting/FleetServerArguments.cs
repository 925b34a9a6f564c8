using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;

namespace Fleet.Simulator.Hosting;

/// <summary>
/// The arguments of a standalone <see cref="FleetServer"/> (<c>--unix PATH</c>, <c>--tcp HOST:PORT</c>,
/// <c>--machines N</c>, <c>--agent-delay MS</c>) checked and turned into <see cref="FleetServerOptions"/>,
/// so every program that hosts the server reads them alike. Each check answers <see langword="null"/>
/// when the value is good, or a message that says what is wrong with it.
/// </summary>
internal static class FleetServerArguments
{
    // The longest path that fits sockaddr_un.sun_path (108 bytes on Linux) with its terminating NUL.
    private const int MaxUnixSocketPathBytes = 107;

    private static readonly FleetServerOptions Defaults = new();

    /// <summary>The machine count when none is given (the reference cluster's three).</summary>
    public static int DefaultMachineCount => Defaults.MachineCount;

    /// <summary>The agents' delay in milliseconds when none is given.</summary>
    public static int DefaultAgentDelayMilliseconds => (int)Defaults.AgentDelay.TotalMilliseconds;

    /// <summary>
    /// Reads <c>HOST:PORT</c>: an IPv4 address, <c>[IPv6]</c> in brackets, or <c>localhost</c>
    /// (127.0.0.1), and a port from 0 (any free one) to 65535.
    /// </summary>
    public static bool TryParseTcp(string text, [NotNullWhen(true)] out IPEndPoint? endPoint, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        endPoint = null;
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            error = $"'{text}' is not HOST:PORT (for example 127.0.0.1:0 or [::1]:4001)";
            return false;
        }
        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            error = $"'{portText}' in '{text}' is not a port from 0 to {IPEndPoint.MaxPort}";
            return false;
        }
        if (AddressOf(host) is not { } address)
        {
            error = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')
                ? $"'{text}': put an IPv6 address in brackets, as in [::1]:{portText}"
                : $"'{host}' in '{text}' is not an IP address (or localhost)";
            return false;
        }
        endPoint = new IPEndPoint(address, port);
        error = null;
        return true;
    }

    /// <summary>Checks a unix socket path: not empty, short enough for a socket address, in a directory that exists.</summary>
    public static string? ValidateUnixSocketPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return "the unix socket path is empty";
        var full = Path.GetFullPath(path);
        if (Encoding.UTF8.GetByteCount(full) > MaxUnixSocketPathBytes)
        {
            return $"the unix socket path '{full}' is longer than the {MaxUnixSocketPathBytes} bytes a socket address holds";
        }
        var directory = Path.GetDirectoryName(full);
        return directory is null || Directory.Exists(directory) ? null : $"the directory of the unix socket path '{full}' does not exist";
    }

    /// <summary>Checks a machine count: zero (a cluster with nothing to schedule on) or more.</summary>
    public static string? ValidateMachineCount(int count) =>
        count < 0 ? $"the machine count must be 0 or more, not {count}" : null;

    /// <summary>Checks an agent delay in milliseconds: zero (act at once) or more.</summary>
    public static string? ValidateAgentDelay(int milliseconds) =>
        milliseconds < 0 ? $"the agent delay must be 0 or more milliseconds, not {milliseconds}" : null;

    /// <summary>
    /// The options for checked arguments. The socket path is made absolute, so the endpoint the
    /// server announces works from any directory; with neither a socket nor a TCP address the
    /// server listens on 127.0.0.1:0.
    /// </summary>
    /// <exception cref="ArgumentException">An argument fails its check.</exception>
    public static FleetServerOptions ToOptions(string? unixSocketPath, IPEndPoint? tcpEndPoint, int machineCount, int agentDelayMilliseconds)
    {
        if (unixSocketPath is not null && ValidateUnixSocketPath(unixSocketPath) is { } pathError) throw new ArgumentException(pathError, nameof(unixSocketPath));
        if (ValidateMachineCount(machineCount) is { } countError) throw new ArgumentException(countError, nameof(machineCount));
        if (ValidateAgentDelay(agentDelayMilliseconds) is { } delayError) throw new ArgumentException(delayError, nameof(agentDelayMilliseconds));
        return new FleetServerOptions
        {
            UnixSocketPath = unixSocketPath is null ? null : Path.GetFullPath(unixSocketPath),
            TcpEndPoint = tcpEndPoint,
            MachineCount = machineCount,
            AgentDelay = TimeSpan.FromMilliseconds(agentDelayMilliseconds),
        };
    }

    private static IPAddress? AddressOf(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (host.Length > 2 && host[0] == '[' && host[^1] == ']')
        {
            return IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? v6 : null;
        }
        // IPAddress.TryParse also takes forms like "1" or "0x7f.1"; only dotted quads are meant here.
        return host.Count(c => c == '.') == 3 && IPAddress.TryParse(host, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? v4 : null;
    }
}
