using System.Buffers;

namespace Fleet.Transport.Http;

/// <summary>
/// Decodes a chunked body (sizes in hex, extensions and trailers allowed and dropped) over the
/// bytes after the head. It resumes where it stopped when more bytes arrive, and remembers the
/// payload as ranges of the buffer, so a body in one chunk (fleet's way) is never copied.
/// </summary>
internal sealed class ChunkedBodyDecoder
{
    private readonly List<(long Start, long Length)> chunks = [];
    private long offset;
    private bool inTrailers;
    private int trailerCount;

    /// <summary>The decoded body length so far.</summary>
    public long BodyLength { get; private set; }

    /// <summary>Where the chunked framing ended, relative to the body's start, once complete.</summary>
    public long FramingLength => offset;

    public ParseStatus TryDecode(in ReadOnlySequence<byte> body, HttpLimits limits, Span<byte> scratch, out HttpRejection rejection)
    {
        rejection = HttpRejection.None;
        var lines = new LineReader(scratch);
        while (true)
        {
            var reader = new SequenceReader<byte>(body.Slice(offset));
            var status = lines.TryRead(ref reader, limits.MaxLineBytes, out var line, out rejection);
            if (status != ParseStatus.Complete) return status;

            if (inTrailers)
            {
                offset += reader.Consumed;
                if (line.IsEmpty) return ParseStatus.Complete;
                if (++trailerCount > limits.MaxHeaderCount)
                {
                    rejection = HttpRejection.TooManyHeaders;
                    return ParseStatus.Invalid;
                }
                if (line.IndexOf((byte)':') <= 0 || line[0] is (byte)' ' or (byte)'\t')
                {
                    rejection = HttpRejection.BadHeaderLine;
                    return ParseStatus.Invalid;
                }
                continue;
            }

            if (!TryParseSize(line, out var size, out rejection)) return ParseStatus.Invalid;
            if (size == 0)
            {
                offset += reader.Consumed;
                inTrailers = true;
                continue;
            }
            if (size > limits.MaxBodyBytes - BodyLength)
            {
                rejection = HttpRejection.BodyTooLarge;
                return ParseStatus.Invalid;
            }
            // The data and its CRLF must both be here before the chunk counts.
            if (reader.Remaining < size + 2)
            {
                if (reader.Remaining > size && reader.UnreadSequence.Slice(size).FirstSpan[0] != '\r')
                {
                    rejection = HttpRejection.BadChunkTerminator;
                    return ParseStatus.Invalid;
                }
                return ParseStatus.Incomplete;
            }
            var dataStart = offset + reader.Consumed;
            reader.Advance(size);
            if (!reader.IsNext("\r\n"u8, advancePast: true))
            {
                rejection = HttpRejection.BadChunkTerminator;
                return ParseStatus.Invalid;
            }
            chunks.Add((dataStart, size));
            BodyLength += size;
            offset += reader.Consumed;
        }
    }

    /// <summary>The decoded body: a slice of the buffer for one chunk, a copy for several.</summary>
    public ReadOnlySequence<byte> Body(in ReadOnlySequence<byte> body)
    {
        if (chunks.Count == 0) return ReadOnlySequence<byte>.Empty;
        if (chunks.Count == 1) return body.Slice(chunks[0].Start, chunks[0].Length);
        var joined = new byte[BodyLength];
        var written = 0L;
        foreach (var (start, length) in chunks)
        {
            body.Slice(start, length).CopyTo(joined.AsSpan((int)written));
            written += length;
        }
        return new ReadOnlySequence<byte>(joined);
    }

    // chunk-size [ BWS ";" extensions ]; sizes of more than 15 hex digits cannot be real.
    private static bool TryParseSize(ReadOnlySpan<byte> line, out long size, out HttpRejection rejection)
    {
        size = 0;
        rejection = HttpRejection.BadChunkSize;
        var digits = 0;
        while (digits < line.Length && char.IsAsciiHexDigit((char)line[digits])) digits++;
        if (digits == 0) return false;
        if (digits > 15)
        {
            rejection = HttpRejection.ChunkSizeTooLarge;
            return false;
        }
        var rest = line[digits..].TrimStart(" \t"u8);
        if (!rest.IsEmpty && rest[0] != ';') return false;
        foreach (var digit in line[..digits])
        {
            size = (size << 4) | (long)HexValue(digit);
        }
        rejection = HttpRejection.None;
        return true;
    }

    private static int HexValue(byte digit) => digit switch
    {
        <= (byte)'9' => digit - '0',
        <= (byte)'F' => digit - 'A' + 10,
        _ => digit - 'a' + 10,
    };
}
