using System.Globalization;
using System.Text;

namespace Fleet.Simulator.Tests;

/// <summary>Whether the bytes received so far hold one whole HTTP response (the test's own reading, independent of the server's code).</summary>
internal static class ResponseFraming
{
    public static bool IsComplete(List<byte> received, string method)
    {
        var text = Encoding.Latin1.GetString(received.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var lines = text[..end].Split("\r\n");
        var code = int.Parse(lines[0].AsSpan(9, 3), CultureInfo.InvariantCulture);
        var body = text[(end + 4)..];
        if (method == "HEAD" || code is 204 or 304 || code < 200) return true;
        string? Header(string name) => lines.Skip(1).Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
        if (Header("Transfer-Encoding") is not null) return body.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
        if (Header("Content-Length") is { } length) return body.Length >= int.Parse(length, CultureInfo.InvariantCulture);
        return false;
    }
}
