using System.Buffers;
using System.Text;

namespace Fleet.Simulator.Wire;

/// <summary>
/// Go 1.19's net/http server rules for a request's <c>Host</c> header, which Kestrel's own
/// differ from both ways: Go accepts <c>%2Ftmp%2Ffleet.sock</c> (python-fleet's unix-socket
/// Host), <c>[</c> or <c>~!$&amp;'()*+,;=</c>, and refuses with its own words. Go looks only at
/// which bytes a value holds (httpguts' ValidHostHeader), wants a Host on HTTP/1.1 unless the
/// method is CONNECT, and refuses a second Host line. A head Go would take is handed on with its
/// Host lines replaced by one Kestrel takes; fleet's handlers never read it. A head Go refuses is
/// replaced by one that carries Go's reason to the answer side (<see cref="GoWireFormat.RefusalMarker"/>),
/// so that Kestrel answers the requests before it first, in order.
/// </summary>
internal static class GoHostRule
{
    private const string KestrelHost = "Host: localhost";

    // httpguts' validHostByte: letters, digits and the bytes of IPv6 literals, ports, sub-delims and %-escapes.
    private static readonly SearchValues<char> HostBytes =
        SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!$%&()*+,-.:;=[']_~");

    /// <summary>
    /// Judges one request head (request line and header lines, Latin-1, up to the blank line that
    /// ends it). A head this rule cannot read is handed on unchanged for Kestrel to judge.
    /// </summary>
    public static HeadVerdict Judge(string head)
    {
        if (head.EndsWith('\n')) head = head[..^1];
        if (head.EndsWith('\r')) head = head[..^1];
        var lines = head.Split('\n').Select(line => line.EndsWith('\r') ? line[..^1] : line).ToList();
        var words = lines[0].Split(' ');
        if (words.Length != 3 || words[2] is not ("HTTP/1.0" or "HTTP/1.1")) return HeadVerdict.Unchanged;
        // textproto refuses a first header line that starts with white space; so does Kestrel.
        if (lines.Count > 1 && lines[1] is [' ' or '\t', ..]) return HeadVerdict.Unchanged;

        var kept = new StringBuilder(lines[0]).Append("\r\n");
        var fields = new List<(string Name, string Value)>();
        var hosts = new List<string>();
        for (var i = 1; i < lines.Count; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) return HeadVerdict.Unchanged;
            // Lines that start with white space continue a header: textproto joins them with one space.
            var end = i + 1;
            while (end < lines.Count && lines[end] is [' ' or '\t', ..]) end++;
            var name = lines[i].AsSpan(0, colon);
            // The wire's private markers come from the server's own sides only, never a client.
            if (name.StartsWith(GoWireFormat.MarkerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                i = end - 1;
                continue;
            }
            var value = new StringBuilder(Trim(lines[i][(colon + 1)..]));
            for (var j = i + 1; j < end; j++) value.Append(' ').Append(Trim(lines[j]));
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                hosts.Add(value.ToString());
            }
            else
            {
                fields.Add((name.ToString(), value.ToString()));
                for (var j = i; j < end; j++) kept.Append(lines[j]).Append("\r\n");
            }
            i = end - 1;
        }

        // A second Host fails in Go's readRequest, whose error has no status text of its own: Go
        // answers its generic "400 Bad Request" (see the oracle), unlike the checks below.
        if (hosts.Count > 1) return Refuse("Bad Request");
        if (hosts.Count == 0 && words[2] == "HTTP/1.1" && words[0] != "CONNECT") return Refuse("Bad Request: missing required Host header");
        if (hosts.Count == 1 && hosts[0].AsSpan().ContainsAnyExcept(HostBytes)) return Refuse("Bad Request: malformed Host header");
        if (hosts.Count == 1) kept.Append(KestrelHost).Append("\r\n");
        return new HeadVerdict(kept.Append("\r\n").ToString(), Refused: false) { Method = words[0], Fields = fields };
    }

    private static HeadVerdict Refuse(string status) =>
        new($"GET / HTTP/1.1\r\n{KestrelHost}\r\n{GoWireFormat.RefusalMarker}: {status}\r\n\r\n", Refused: true) { Method = "GET" };

    private static string Trim(string text) => text.Trim(' ', '\t');
}
