using System.Text;
using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>Ways a server can offer a client far more than it should read.</summary>
public enum Flood
{
    /// <summary>Content-Length of a terabyte, then bytes without end.</summary>
    InflatedLength,

    /// <summary>Content-Length exactly at the body limit, and that many bytes of garbage.</summary>
    LengthAtTheLimit,

    /// <summary>Content-Length at the body limit, half of it sent, then the connection closed.</summary>
    LengthNeverMet,

    /// <summary>Chunks of 4 KiB without end.</summary>
    EndlessChunks,

    /// <summary>A chunk size of 2^63 - 1, then bytes without end.</summary>
    HugeChunkSize,

    /// <summary>Header lines without end.</summary>
    EndlessHeaders,

    /// <summary>One header line that never ends.</summary>
    EndlessLine,

    /// <summary>An HTTP/1.0 answer without a length: a body that runs until the close, which never comes.</summary>
    EndlessBodyUntilClose,

    /// <summary>The last chunk, then trailer lines without end.</summary>
    EndlessTrailers,
}

/// <summary>A flood ready to send: its head, the batch it repeats, and how much of it to offer.</summary>
internal sealed record FloodPlan(Flood Flood, byte[] Head, byte[] Batch, long Limit);

/// <summary>Scripts that flood: a head, then a repeated piece, until the client goes away or a cap is reached.</summary>
internal static class Floods
{
    /// <summary>The most a flood offers: far beyond any limit the tests configure.</summary>
    public const long Cap = 256L * 1024 * 1024;

    /// <summary>
    /// Builds the bytes before anything is measured: the server runs in the measured process, so
    /// its bytes are made beforehand and written 64 KiB at a time, keeping its own allocations
    /// out of the client's count.
    /// </summary>
    public static FloodPlan Plan(Flood flood, long bodyLimit)
    {
        var (head, piece) = flood switch
        {
            Flood.InflatedLength => ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n", new string('x', 4096)),
            Flood.LengthAtTheLimit or Flood.LengthNeverMet => ($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bodyLimit}\r\n\r\n", new string('x', 4096)),
            Flood.EndlessChunks => ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "1000\r\n" + new string('x', 4096) + "\r\n"),
            Flood.HugeChunkSize => ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n", new string('x', 4096)),
            Flood.EndlessHeaders => ("HTTP/1.1 200 OK\r\n", "X-Flood: " + new string('h', 1000) + "\r\n"),
            Flood.EndlessLine => ("HTTP/1.1 200 OK\r\nX-Flood: ", new string('l', 4096)),
            Flood.EndlessBodyUntilClose => ("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n", new string('b', 4096)),
            _ => ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n", "X-Trailer: " + new string('t', 200) + "\r\n"),
        };
        var batch = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(piece, Math.Max(1, 64 * 1024 / piece.Length))));
        var limit = flood switch
        {
            Flood.LengthAtTheLimit => bodyLimit,
            Flood.LengthNeverMet => bodyLimit / 2,
            _ => Cap,
        };
        return new FloodPlan(flood, Encoding.ASCII.GetBytes(head), batch, limit);
    }

    /// <summary>Sends the flood; returns how many bytes after the head went out.</summary>
    public static async Task<long> SendAsync(RawConnection connection, FloodPlan plan)
    {
        var sent = 0L;
        if (!await connection.WriteAsync(plan.Head)) return sent;
        while (sent < plan.Limit)
        {
            var next = (int)Math.Min(plan.Batch.Length, plan.Limit - sent);
            if (!await connection.WriteAsync(plan.Batch.AsMemory(0, next))) return sent;
            sent += next;
        }
        if (plan.Flood == Flood.LengthNeverMet) connection.Close();
        return sent;
    }
}
