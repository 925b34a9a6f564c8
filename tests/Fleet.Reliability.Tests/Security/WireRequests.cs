using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Security;

/// <summary>
/// Reads back what the client put on the wire, decoded as fleet's Go server decodes it
/// (<see cref="RequestTarget"/>, not the framework's escaping in reverse), and checks that nothing a caller passed escaped its place:
/// one request line of three words, only visible ASCII, only the client's own headers.
/// </summary>
internal static class WireRequests
{
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    /// <summary>Checks the request's head and returns its target's path and query parts.</summary>
    public static (string Path, string? Query) Clean(RawRequest request, string method)
    {
        var head = request.Head;
        for (var i = 0; i < head.Length; i++)
        {
            var b = head[i];
            var lineEnd = b == '\r' && i + 1 < head.Length && head[i + 1] == '\n' || b == '\n' && i > 0 && head[i - 1] == '\r';
            Assert.True(lineEnd || b is >= 0x20 and < 0x7F, $"byte 0x{b:x2} at {i} of the head: {request.HeadText}");
        }
        var words = request.RequestLine.Split(' ');
        Assert.Equal(3, words.Length);
        Assert.Equal((method, "HTTP/1.1"), (words[0], words[2]));
        var names = request.HeaderLines.Select(line => line[..line.IndexOf(':')]).ToList();
        Assert.Equal(request.Body.Length > 0 ? ["Host", "User-Agent", "Accept", "Content-Type", "Content-Length"] : ["Host", "User-Agent", "Accept"], names);
        Assert.Equal(request.Body.Length, request.ContentLength);

        var target = words[1];
        Assert.StartsWith("/fleet/v1/", target);
        Assert.DoesNotContain('#', target);
        var question = target.IndexOf('?');
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? null : target[(question + 1)..];
        Assert.All(path.Split('/'), segment => Assert.True(IsEscaped(segment), $"unescaped path segment {segment}"));
        foreach (var pair in query?.Split('&') ?? [])
        {
            var equals = pair.IndexOf('=');
            Assert.True(equals > 0, $"query part {pair}");
            Assert.True(IsEscaped(pair[..equals]) && IsEscaped(pair[(equals + 1)..]), $"unescaped query part {pair}");
        }
        return (path, query);
    }

    /// <summary>The last path segment, decoded.</summary>
    public static string LastSegment(string path) => RequestTarget.Parse(path).LastSegment;

    /// <summary>The query's values by name, decoded; a name sent twice fails.</summary>
    public static Dictionary<string, string> Values(string? query) =>
        RequestTarget.Parse("?" + query).Query.ToDictionary(pair => pair.Key, pair => pair.Value);

    // Only unreserved characters and %XX escapes of them all.
    private static bool IsEscaped(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])) return false;
                i += 2;
            }
            else if (!Unreserved.Contains(text[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
