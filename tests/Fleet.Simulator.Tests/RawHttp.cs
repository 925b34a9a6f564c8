using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fleet.Simulator.Tests;

/// <summary>
/// One request written byte for byte on a fresh connection and the bytes that come back: for
/// exchanges a high-level client would tidy up (bare <c>?</c>, raw escapes, hang-ups).
/// </summary>
internal static class RawHttp
{
    public static Task<byte[]> ExchangeAsync(IPEndPoint endPoint, byte[] request) =>
        ExchangeAsync(new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp), endPoint, request);

    public static Task<byte[]> ExchangeAsync(string unixSocketPath, byte[] request) =>
        ExchangeAsync(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(unixSocketPath), request);

    public static Task<byte[]> ExchangeAsync(IPEndPoint endPoint, string request) => ExchangeAsync(endPoint, Encoding.UTF8.GetBytes(request));

    /// <summary>Several requests written at once on one connection, and every byte until the server closes it.</summary>
    public static Task<byte[]> ExchangeUntilClosedAsync(IPEndPoint endPoint, string requests) =>
        ExchangeAsync(new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp), endPoint, Encoding.Latin1.GetBytes(requests), untilClosed: true);

    /// <summary>Several requests written at once on one unix-socket connection, and every byte until the server closes it.</summary>
    public static Task<byte[]> ExchangeUntilClosedAsync(string unixSocketPath, string requests) =>
        ExchangeAsync(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(unixSocketPath), Encoding.Latin1.GetBytes(requests), untilClosed: true);

    /// <summary>The status line and the body of a response (chunks joined), for assertions that need no headers.</summary>
    public static (string StatusLine, string Body) Split(byte[] response)
    {
        var text = Encoding.UTF8.GetString(response);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end >= 0, $"no complete head in: {text}");
        var head = text[..end];
        var body = text[(end + 4)..];
        if (head.Contains("\r\nTransfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Unchunk(body);
        return (head[..head.IndexOf("\r\n", StringComparison.Ordinal)], body);
    }

    private static string Unchunk(string body)
    {
        var joined = new StringBuilder();
        while (true)
        {
            var line = body.IndexOf("\r\n", StringComparison.Ordinal);
            var size = int.Parse(body[..line].Split(';')[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0) return joined.ToString();
            // Sizes count bytes; the JSON bodies compared here are ASCII.
            joined.Append(body, line + 2, size);
            body = body[(line + 2 + size + 2)..];
        }
    }

    private static async Task<byte[]> ExchangeAsync(Socket socket, EndPoint endPoint, byte[] request, bool untilClosed = false)
    {
        using (socket)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await socket.ConnectAsync(endPoint, deadline.Token);
            await socket.SendAsync(request, SocketFlags.None, deadline.Token);
            var method = Encoding.ASCII.GetString(request, 0, Array.IndexOf(request, (byte)' '));
            var received = new List<byte>();
            var buffer = new byte[16384];
            while (untilClosed || !ResponseFraming.IsComplete(received, method))
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0) break;
                received.AddRange(buffer.AsSpan(0, read));
            }
            return [.. received];
        }
    }
}
