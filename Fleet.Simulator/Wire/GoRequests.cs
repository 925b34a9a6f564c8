using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Fleet.Simulator.Wire;

/// <summary>
/// Carries a client's bytes to Kestrel one request at a time, so that each head passes
/// <see cref="GoHostRule"/> before Kestrel parses it. Bodies pass untouched; their framing
/// (Content-Length, or chunks and trailers) says where the next head starts. What cannot be
/// followed (an upgrade, a framing Kestrel will refuse, a head past Kestrel's limit) goes through
/// untouched to the end of the connection, for Kestrel to judge.
/// </summary>
internal static class GoRequests
{
    // Above Kestrel's 32 KiB, so that Kestrel answers an oversized head itself.
    private const int MaxHead = 64 * 1024;

    private enum Framing { Head, Length, ChunkSize, ChunkData, Trailers, Untouched }

    /// <summary>
    /// Copies requests from <paramref name="from"/> to <paramref name="to"/> until the client or
    /// Kestrel is done, or up to a head Go refuses, whose stand-in is the last thing Kestrel gets:
    /// <paramref name="to"/> is then left open, since Kestrel takes the end of its input for a
    /// client gone and would drop the answers it still owes. Cancel a pending read of
    /// <paramref name="from"/> to stop.
    /// </summary>
    public static async Task PumpAsync(PipeReader from, PipeWriter to)
    {
        var framing = Framing.Head;
        long remaining = 0;
        var refused = false;
        try
        {
            while (true)
            {
                var result = await from.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled) return;
                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    var reader = new SequenceReader<byte>(buffer);
                    if (framing is Framing.Untouched)
                    {
                        Copy(buffer, to);
                        buffer = buffer.Slice(buffer.End);
                    }
                    else if (framing is Framing.Length or Framing.ChunkData)
                    {
                        var take = Math.Min(remaining, buffer.Length);
                        Copy(buffer.Slice(0, take), to);
                        buffer = buffer.Slice(take);
                        remaining -= take;
                        if (remaining == 0) framing = framing == Framing.Length ? Framing.Head : Framing.ChunkSize;
                    }
                    else if (framing is Framing.ChunkSize or Framing.Trailers)
                    {
                        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
                        {
                            // A line that never ends is Kestrel's to refuse, within its own limits.
                            if (buffer.Length > MaxHead) framing = Framing.Untouched;
                            else break;
                            continue;
                        }
                        Copy(buffer.Slice(0, reader.Position), to);
                        buffer = buffer.Slice(reader.Position);
                        if (framing == Framing.Trailers)
                        {
                            if (IsBlank(line)) framing = Framing.Head;
                        }
                        else if (!TryChunkSize(line, out var size))
                        {
                            framing = Framing.Untouched;
                        }
                        else
                        {
                            // Each chunk's data is followed by its own CRLF.
                            (framing, remaining) = size == 0 ? (Framing.Trailers, 0) : (Framing.ChunkData, size + 2);
                        }
                    }
                    else if (reader.TryReadTo(out ReadOnlySequence<byte> first, (byte)'\n') && IsBlank(first))
                    {
                        // A blank line where a request should start (old clients send one after a body).
                        Copy(buffer.Slice(0, reader.Position), to);
                        buffer = buffer.Slice(reader.Position);
                    }
                    else if (TryReadHead(buffer, out var head, out var end))
                    {
                        var text = Encoding.Latin1.GetString(head);
                        var verdict = GoHostRule.Judge(text);
                        if (verdict.Refused)
                        {
                            to.Write(Encoding.Latin1.GetBytes(verdict.Head!));
                            from.AdvanceTo(buffer.Start);
                            await to.FlushAsync().ConfigureAwait(false);
                            refused = true;
                            return;
                        }
                        if (verdict.Head is { } rewritten)
                        {
                            to.Write(Encoding.Latin1.GetBytes(rewritten));
                            (framing, remaining) = BodyOf(verdict);
                        }
                        else
                        {
                            Copy(buffer.Slice(0, end), to);
                            framing = Framing.Untouched;
                        }
                        buffer = buffer.Slice(end);
                    }
                    else
                    {
                        if (buffer.Length > MaxHead) framing = Framing.Untouched;
                        else break;
                    }
                }
                // At the end of the input, what is left (a head or a line cut short) still goes
                // to Kestrel to judge, rather than ending the input as if at a clean boundary.
                if (result.IsCompleted && !buffer.IsEmpty)
                {
                    Copy(buffer, to);
                    buffer = buffer.Slice(buffer.End);
                }
                from.AdvanceTo(buffer.Start, buffer.End);
                var flush = await to.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || result.IsCompleted) return;
            }
        }
        finally
        {
            if (!refused) await to.CompleteAsync().ConfigureAwait(false);
        }
    }

    // A head is every line up to the first blank one; lines end in LF, with or without CR, as
    // both Go and Kestrel read them. The head returned leaves out that blank line.
    private static bool TryReadHead(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> head, out SequencePosition end)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (!IsBlank(line)) continue;
            head = buffer.Slice(0, line.Start);
            end = reader.Position;
            return true;
        }
        head = default;
        end = default;
        return false;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line) => line.IsEmpty || (line.Length == 1 && line.FirstSpan[0] == '\r');

    private static bool TryChunkSize(ReadOnlySequence<byte> line, out long size)
    {
        var text = Encoding.Latin1.GetString(line).TrimEnd('\r');
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0) text = text[..semicolon];
        // A size past what Kestrel reads is Kestrel's to refuse; followed here it would overflow.
        return long.TryParse(text.Trim(' ', '\t'), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out size) && size is >= 0 and <= int.MaxValue;
    }

    private static (Framing Framing, long Length) BodyOf(HeadVerdict head)
    {
        if (head.Method == "CONNECT") return (Framing.Untouched, 0);
        string? transferEncoding = null;
        var lengths = new List<string>();
        foreach (var (name, value) in head.Fields)
        {
            if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)) return (Framing.Untouched, 0);
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) transferEncoding = value;
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) lengths.Add(value);
        }
        if (transferEncoding is not null)
        {
            return transferEncoding.EndsWith("chunked", StringComparison.OrdinalIgnoreCase) ? (Framing.ChunkSize, 0) : (Framing.Untouched, 0);
        }
        if (lengths.Count == 0) return (Framing.Head, 0);
        if (lengths.Count > 1 || !lengths[0].All(char.IsAsciiDigit) || !long.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return (Framing.Untouched, 0);
        }
        return length == 0 ? (Framing.Head, 0) : (Framing.Length, length);
    }

    private static void Copy(ReadOnlySequence<byte> bytes, PipeWriter to)
    {
        foreach (var segment in bytes) to.Write(segment.Span);
    }
}
