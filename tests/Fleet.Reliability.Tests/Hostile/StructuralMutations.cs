using System.Collections.Immutable;
using System.Globalization;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>A change to an answer's structure, made before it becomes bytes.</summary>
internal abstract record Mutation
{
    public abstract Answer Apply(Answer answer);
}

/// <summary>A status line of fleet's, of another server's, or of no HTTP at all.</summary>
internal sealed record StatusLineIs(string Line) : Mutation
{
    public override Answer Apply(Answer answer) => answer with { StatusLine = Line };
}

/// <summary>How a Content-Length is falsified, relative to the real body.</summary>
internal enum LengthChange
{
    PlusOne, PlusTen, MinusOne, MinusTen, Zero, Double, Mebibyte, Gibibyte, Terabyte, Overflow,
    Negative, Signed, Hex, Empty, DifferentList, SameList, Padded, Duplicated, DuplicatedDifferent,
}

/// <summary>A Content-Length that lies: longer or shorter than the body, huge, or not a number.</summary>
internal sealed record LengthIs(LengthChange Change) : Mutation
{
    public override Answer Apply(Answer answer)
    {
        var real = (long)answer.Body.Length;
        string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
        var value = Change switch
        {
            LengthChange.PlusOne => Number(real + 1),
            LengthChange.PlusTen => Number(real + 10),
            LengthChange.MinusOne => Number(Math.Max(real - 1, 0)),
            LengthChange.MinusTen => Number(Math.Max(real - 10, 0)),
            LengthChange.Zero => "0",
            LengthChange.Double => Number(real * 2 + 1),
            LengthChange.Mebibyte => Number(1L << 20),
            LengthChange.Gibibyte => Number(1L << 30),
            LengthChange.Terabyte => Number(1_000_000_000_000),
            LengthChange.Overflow => "99999999999999999999",
            LengthChange.Negative => "-1",
            LengthChange.Signed => "+" + Number(real),
            LengthChange.Hex => "0x" + real.ToString("x", CultureInfo.InvariantCulture),
            LengthChange.Empty => "",
            LengthChange.DifferentList => $"{real}, {real + 1}",
            LengthChange.SameList => $"{real}, {real}",
            LengthChange.Padded => "  " + Number(real) + "  ",
            _ => Number(real),
        };
        var changed = answer.WithHeader(Answer.ContentLength, value);
        return Change switch
        {
            LengthChange.Duplicated => changed with { Headers = changed.Headers.Add(new(Answer.ContentLength, Number(real))) },
            LengthChange.DuplicatedDifferent => changed with { Headers = changed.Headers.Add(new(Answer.ContentLength, Number(real + 5))) },
            _ => changed,
        };
    }
}

/// <summary>A header set to a value that changes framing or meaning (Transfer-Encoding, Connection, Content-Type).</summary>
internal sealed record HeaderIs(string Name, string Value) : Mutation
{
    public override Answer Apply(Answer answer) => answer.WithHeader(Name, Value);
}

/// <summary>A header taken away (fleet's framing header, say).</summary>
internal sealed record HeaderRemoved(string Name) : Mutation
{
    public override Answer Apply(Answer answer) => answer.WithoutHeader(Name);
}

/// <summary>One header line of this many bytes, around the line and head limits.</summary>
internal sealed record BigHeader(int Length) : Mutation
{
    public override Answer Apply(Answer answer) =>
        answer with { Headers = answer.Headers.Insert(0, new("X-Padding", new string('p', Length))) };
}

/// <summary>This many extra header lines, around the header count limit.</summary>
internal sealed record ManyHeaders(int Count) : Mutation
{
    public override Answer Apply(Answer answer) =>
        answer with { Headers = answer.Headers.InsertRange(0, Enumerable.Range(0, Count).Select(i => new HeaderLine($"X-H{i}", "v"))) };
}

/// <summary>A malformed line among the headers (no colon, space before the colon, folding, control bytes).</summary>
internal sealed record RawHeaderLine(string Line) : Mutation
{
    public override Answer Apply(Answer answer) =>
        answer with { Headers = answer.Headers.Insert(Math.Min(1, answer.Headers.Count), new(Line, null)) };
}

/// <summary>The body sent chunked in pieces of this size (one chunk when 0) instead of with a length.</summary>
internal sealed record Rechunked(int ChunkBytes) : Mutation
{
    public override Answer Apply(Answer answer) =>
        answer.WithoutHeader(Answer.ContentLength).WithHeader("Transfer-Encoding", "chunked") with { Chunked = true, ChunkBytes = ChunkBytes };
}

/// <summary>How a chunk-size line is falsified.</summary>
internal enum SizeChange
{
    PlusOne, MinusOne, Zero, NotHex, Negative, Overflow, LeadingSpace, HexPrefix, Extension,
    QuotedExtension, LongExtension, BadExtension, UpperCase, LeadingZeros, Empty, Huge,
}

/// <summary>A chunk-size line that lies or breaks the grammar; the answer is chunked first if it was not.</summary>
internal sealed record ChunkSizeIs(int Chunk, SizeChange Change) : Mutation
{
    public override Answer Apply(Answer answer)
    {
        if (!answer.Chunked) answer = new Rechunked(answer.ChunkBytes).Apply(answer);
        var chunks = answer.Chunks();
        if (chunks.Count == 0) return answer;
        var index = Chunk % chunks.Count;
        var size = chunks[index].Length;
        string Hex(long n) => n.ToString("x", CultureInfo.InvariantCulture);
        var line = Change switch
        {
            SizeChange.PlusOne => Hex(size + 1),
            SizeChange.MinusOne => Hex(size - 1),
            SizeChange.Zero => "0",
            SizeChange.NotHex => "zz",
            SizeChange.Negative => "-" + Hex(size),
            SizeChange.Overflow => "fffffffffffffffffff",
            SizeChange.LeadingSpace => " " + Hex(size),
            SizeChange.HexPrefix => "0x" + Hex(size),
            SizeChange.Extension => Hex(size) + ";name=value",
            SizeChange.QuotedExtension => Hex(size) + ";name=\"quoted \\\" value\"",
            SizeChange.LongExtension => Hex(size) + ";" + new string('e', 9000),
            SizeChange.BadExtension => Hex(size) + " x",
            SizeChange.UpperCase => size.ToString("X", CultureInfo.InvariantCulture),
            SizeChange.LeadingZeros => "000000" + Hex(size),
            SizeChange.Empty => "",
            _ => "7fffffffffffffff",
        };
        return answer with { ChunkSizeLines = (answer.ChunkSizeLines ?? ImmutableDictionary<int, string>.Empty).SetItem(index, line) };
    }
}

/// <summary>What follows a chunk's data instead of CRLF; the answer is chunked first if it was not.</summary>
internal sealed record ChunkTerminatorIs(int Chunk, string Terminator) : Mutation
{
    public override Answer Apply(Answer answer)
    {
        if (!answer.Chunked) answer = new Rechunked(answer.ChunkBytes).Apply(answer);
        var count = answer.Chunks().Count;
        if (count == 0) return answer;
        return answer with { ChunkTerminators = (answer.ChunkTerminators ?? ImmutableDictionary<int, string>.Empty).SetItem(Chunk % count, Terminator) };
    }
}

/// <summary>Trailers after the last chunk: many, long, or malformed; the answer is chunked first if it was not.</summary>
internal sealed record TrailersAdded(int Count, int Length, bool Malformed) : Mutation
{
    public override Answer Apply(Answer answer)
    {
        if (!answer.Chunked) answer = new Rechunked(answer.ChunkBytes).Apply(answer);
        var lines = Enumerable.Range(0, Count).Select(i => Malformed && i == Count - 1 ? "no colon here" : $"X-T{i}: {new string('t', Length)}");
        return answer with { Trailers = [.. lines] };
    }
}

/// <summary>Interim answers (100 Continue, 103 Early Hints, or bogus ones) before the real one.</summary>
internal sealed record InterimFirst(string Interim) : Mutation
{
    public override Answer Apply(Answer answer) => answer with { Prefix = Interim };
}

/// <summary>A second, complete and valid answer right behind the first: a server out of step with its client.</summary>
internal sealed record PipelinedAnswer : Mutation
{
    public override Answer Apply(Answer answer) =>
        answer with { Suffix = BaseAnswers.For(CaseKind.Unit, "x999999.slice", 0).Render() };
}

/// <summary>A body fleet never sends (see <see cref="BaseAnswers.AdversarialBodies"/>), with its real length.</summary>
internal sealed record BodyIs(int Index) : Mutation
{
    public string Label => BaseAnswers.AdversarialBodies[Index].Label;

    public override Answer Apply(Answer answer) => answer with { Body = BaseAnswers.AdversarialBodies[Index].Bytes };

    public override string ToString() => $"BodyIs {{ {Label} }}";
}
