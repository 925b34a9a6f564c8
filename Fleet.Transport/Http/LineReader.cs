using System.Buffers;

namespace Fleet.Transport.Http;

/// <summary>
/// Reads one CRLF- (or LF-) terminated line within the line limit. A line that straddles
/// buffer segments is copied into scratch space; others are used in place.
/// </summary>
internal ref struct LineReader(Span<byte> scratch)
{
    private readonly Span<byte> scratch = scratch;

    public ParseStatus TryRead(ref SequenceReader<byte> reader, int maxLineBytes, out ReadOnlySpan<byte> line, out HttpRejection rejection)
    {
        line = default;
        rejection = HttpRejection.None;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> raw, (byte)'\n'))
        {
            if (reader.Remaining <= maxLineBytes) return ParseStatus.Incomplete;
            rejection = HttpRejection.LineTooLong;
            return ParseStatus.Invalid;
        }
        if (raw.Length > maxLineBytes || raw.Length > scratch.Length && !raw.IsSingleSegment)
        {
            rejection = HttpRejection.LineTooLong;
            return ParseStatus.Invalid;
        }
        ReadOnlySpan<byte> span;
        if (raw.IsSingleSegment)
        {
            span = raw.FirstSpan;
        }
        else
        {
            raw.CopyTo(scratch);
            span = scratch[..(int)raw.Length];
        }
        if (!span.IsEmpty && span[^1] == '\r') span = span[..^1];
        if (span.Contains((byte)'\r'))
        {
            rejection = HttpRejection.BareCarriageReturn;
            return ParseStatus.Invalid;
        }
        line = span;
        return ParseStatus.Complete;
    }
}
