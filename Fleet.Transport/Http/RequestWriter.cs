using System.Buffers;
using System.Globalization;
using System.Text;

namespace Fleet.Transport.Http;

/// <summary>
/// Writes a request straight into the connection's pipe. Only visible ASCII reaches the request
/// line and headers: anything else is refused before a byte is written, so no value can split a
/// line or smuggle a header.
/// </summary>
internal static class RequestWriter
{
    public const string UserAgent = "fleet-dotnet/1.0";

    /// <summary>Whether a target is an origin-form of visible ASCII only (escaping is the caller's job).</summary>
    public static bool IsSafeTarget(string target) => target.StartsWith('/') && IsVisibleAscii(target);

    /// <summary>Whether a Content-Type value is visible ASCII and blanks, with no line break.</summary>
    public static bool IsSafeContentType(string? contentType) => contentType is null || (contentType.Length > 0 && IsVisibleAscii(contentType, allowSpace: true));

    /// <summary>Whether a Host value is visible ASCII only.</summary>
    public static bool IsSafeHost(string host) => host.Length > 0 && IsVisibleAscii(host);

    public static void Write(IBufferWriter<byte> output, HttpRequest request)
    {
        Append(output, request.Method);
        Append(output, " ");
        Append(output, request.Target);
        Append(output, " HTTP/1.1\r\nHost: ");
        Append(output, request.Host);
        Append(output, "\r\nUser-Agent: " + UserAgent + "\r\nAccept: application/json\r\n");
        if (request.SentContentType is { } contentType)
        {
            Append(output, "Content-Type: ");
            Append(output, contentType);
            Append(output, "\r\n");
        }
        if (request.Body is { } body)
        {
            Append(output, "Content-Length: ");
            Append(output, body.Length.ToString(CultureInfo.InvariantCulture));
            Append(output, "\r\n\r\n");
            output.Write(body);
        }
        else
        {
            Append(output, "\r\n");
        }
    }

    private static void Append(IBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        var written = Encoding.ASCII.GetBytes(ascii, span);
        output.Advance(written);
    }

    private static bool IsVisibleAscii(string text, bool allowSpace = false)
    {
        foreach (var c in text)
        {
            if (c >= (char)0x7F || c < ' ' || (c == ' ' && !allowSpace)) return false;
        }
        return true;
    }
}
