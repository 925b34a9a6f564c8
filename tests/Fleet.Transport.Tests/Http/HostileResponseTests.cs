using Fleet.Core;

namespace Fleet.Transport.Tests.Http;

/// <summary>
/// Responses a broken or hostile server might send, over a real socket: each ends in the
/// expected APIError (never an exception, never a hang), shows what was received, and leaves
/// the connection unusable.
/// </summary>
public class HostileResponseTests
{
    private static readonly string LongLine = "X-Long: " + new string('a', 9000) + "\r\n";
    private static readonly string ManyLines = string.Concat(Enumerable.Range(0, 101).Select(i => $"X-{i}: v\r\n"));
    private static readonly string BigHead = string.Concat(Enumerable.Range(0, 90).Select(i => $"X-{i}: {new string('b', 800)}\r\n"));

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "closed without answering", "", nameof(ErrorKind.Transport), "without answering" },
        { "truncated status line", "HTTP/1.1 20", nameof(ErrorKind.Protocol), "closed before the response was complete" },
        { "not HTTP", "HTTX/1.1 200 OK\r\n\r\n", nameof(ErrorKind.Protocol), "valid status line" },
        { "HTTP/2 status line", "HTTP/2.0 200 OK\r\n\r\n", nameof(ErrorKind.Protocol), "not HTTP/1.0 or HTTP/1.1" },
        { "four-digit status", "HTTP/1.1 2000 OK\r\n\r\n", nameof(ErrorKind.Protocol), "valid status line" },
        { "status below 100", "HTTP/1.1 099 Low\r\n\r\n", nameof(ErrorKind.Protocol), "valid status line" },
        { "letters in status", "HTTP/1.1 2x0 OK\r\n\r\n", nameof(ErrorKind.Protocol), "valid status line" },
        { "bare CR in status line", "HTTP/1.1 200\rOK\r\n\r\n", nameof(ErrorKind.Protocol), "carriage return" },
        { "bare CR in a header", "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", nameof(ErrorKind.Protocol), "carriage return" },
        { "header without colon", "HTTP/1.1 200 OK\r\nContent-Length 5\r\n\r\nhello", nameof(ErrorKind.Protocol), "malformed header" },
        { "space before colon", "HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello", nameof(ErrorKind.Protocol), "malformed header" },
        { "empty header name", "HTTP/1.1 200 OK\r\n: x\r\n\r\n", nameof(ErrorKind.Protocol), "malformed header" },
        { "non-token header name", "HTTP/1.1 200 OK\r\nBad[Name]: x\r\n\r\n", nameof(ErrorKind.Protocol), "malformed header" },
        { "NUL in a header value", "HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n", nameof(ErrorKind.Protocol), "malformed header" },
        { "folded header", "HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n", nameof(ErrorKind.Protocol), "folds a header" },
        { "header line over the limit", "HTTP/1.1 200 OK\r\n" + LongLine + "\r\n", nameof(ErrorKind.Protocol), "line length limit" },
        { "head over the limit", "HTTP/1.1 200 OK\r\n" + BigHead + "\r\n", nameof(ErrorKind.Protocol), "header size limit" },
        { "too many headers", "HTTP/1.1 200 OK\r\n" + ManyLines + "\r\n", nameof(ErrorKind.Protocol), "more header lines" },
        { "Content-Length with Transfer-Encoding", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", nameof(ErrorKind.Protocol), "smuggling" },
        { "two different lengths", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", nameof(ErrorKind.Protocol), "different Content-Length" },
        { "list of different lengths", "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!", nameof(ErrorKind.Protocol), "Content-Length" },
        { "negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", nameof(ErrorKind.Protocol), "Content-Length" },
        { "signed length", "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello", nameof(ErrorKind.Protocol), "Content-Length" },
        { "non-numeric length", "HTTP/1.1 200 OK\r\nContent-Length: five\r\n\r\n", nameof(ErrorKind.Protocol), "Content-Length" },
        { "overflowing length", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", nameof(ErrorKind.Protocol), "Content-Length" },
        { "gzip transfer coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", nameof(ErrorKind.Protocol), "transfer coding" },
        { "chunked twice", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", nameof(ErrorKind.Protocol), "transfer coding" },
        { "chunked then identity", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n", nameof(ErrorKind.Protocol), "transfer coding" },
        { "switching protocols", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", nameof(ErrorKind.Protocol), "switched protocols" },
        { "chunk size not hex", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", nameof(ErrorKind.Protocol), "hexadecimal" },
        { "chunk size overflow", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n", nameof(ErrorKind.Protocol), "chunk size" },
        { "chunk without CRLF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n", nameof(ErrorKind.Protocol), "not followed by CRLF" },
        { "closed mid-chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly half", nameof(ErrorKind.Protocol), "closed before the response was complete" },
        { "closed before the last chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", nameof(ErrorKind.Protocol), "closed before the response was complete" },
        { "body shorter than its length", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", nameof(ErrorKind.Protocol), "closed before the response was complete" },
        { "closed mid-headers", "HTTP/1.1 200 OK\r\nContent-Type: applic", nameof(ErrorKind.Protocol), "closed before the response was complete" },
        { "too many trailers", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + ManyLines + "\r\n", nameof(ErrorKind.Protocol), "more header lines" },
        { "length over the body limit", "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", nameof(ErrorKind.Protocol), "body size limit" },
        { "chunks over the body limit", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + new string('c', 1024) + "\r\n400\r\n", nameof(ErrorKind.Protocol), "body size limit" },
        { "close-delimited body over the limit", "HTTP/1.0 200 OK\r\n\r\n" + new string('d', 5000), nameof(ErrorKind.Protocol), "body size limit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Ends_in_a_clear_error(string name, string answer, string kind, string fragment)
    {
        var limits = new HttpLimits { MaxBodyBytes = 1500 };
        var (result, connection, server) = await HttpConnectionTests.SendAsync(ScriptedServer.Bytes(answer), limits: limits);
        await using (server)
        await using (connection)
        {
            var error = Assert.Single(result.LeftToSeq());
            Assert.True(Enum.Parse<ErrorKind>(kind) == error.Kind, $"{name}: {error}");
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
            Assert.Equal(answer.Length > 0, error.Received is not null);
            Assert.False(connection.IsReusable);
        }
    }

    [Fact]
    public async Task A_flood_is_refused_at_the_limit_without_reading_it_all()
    {
        // 20 MB of headers that never end: the client stops at the header limit.
        var flood = ScriptedServer.Bytes("HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Repeat("X: " + new string('f', 1000) + "\r\n", 20_000)));
        var (result, connection, server) = await HttpConnectionTests.SendAsync(flood, closeAfter: false);
        await using (server)
        await using (connection)
        {
            Assert.Contains("header size limit", Assert.Single(result.LeftToSeq()).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task What_was_received_is_shown_escaped()
    {
        var (result, connection, server) = await HttpConnectionTests.SendAsync(ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nX: a\u0001\r\n\r\n"));
        await using (server)
        await using (connection)
        {
            Assert.Equal("HTTP/1.1 200 OK\\r\\nX: a\\x01\\r\\n\\r\\n", Assert.Single(result.LeftToSeq()).Received);
        }
    }
}
