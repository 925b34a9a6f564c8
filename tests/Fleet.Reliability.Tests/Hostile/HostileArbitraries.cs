using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>
/// Generates hostile cases: fleet's answers mutated in structure (lengths that lie, chunks that
/// lie, huge or malformed headers, interim answers, a second answer behind the first, bodies
/// fleet never sends) and in bytes (cut, duplicated, flipped, CR/LF and other bytes put in).
/// Shrinking drops mutations one at a time and tames the connection's ending.
/// </summary>
internal static class HostileArbitraries
{
    // Positions: mostly within the head, where parsing is densest; sometimes anywhere.
    private static readonly Gen<int> Position = Gen.Frequency((3, Gen.Choose(0, 300)), (2, Gen.Choose(0, 20_000)));

    private static readonly Gen<Mutation> StatusLine = Gen.Elements(
        "HTTP/1.0 200 OK", "HTTP/1.1 200", "HTTP/1.1 200 ", "HTTP/2 200 OK", "HTTP/2.0 200 OK", "HTTP/1.2 200 OK", "http/1.1 200 OK",
        "HTTP/1.1 2000 OK", "HTTP/1.1 099 Low", "HTTP/1.1 20x OK", "HTTP/1.1  200 OK", "HTTP/1.1 200 O\u0001K", "HTTP/1.1 101 Switching Protocols",
        "HTTP/1.1 204 No Content", "HTTP/1.1 304 Not Modified", "HTTP/1.1 500 Internal Server Error", "HTTP/1.1 503 Service Unavailable",
        "HTTP/1.1 404 Not Found", "HTTP/1.1 201 Created", "HTTP/1.1 200 OK\r\n", "", "SSH-2.0-OpenSSH_9.2", "HTTP/1.1 999 Whatever")
        .Select(line => (Mutation)new StatusLineIs(line));

    private static readonly Gen<Mutation> Length = Gen.Elements(Enum.GetValues<LengthChange>()).Select(change => (Mutation)new LengthIs(change));

    private static readonly Gen<Mutation> Header = Gen.Elements(
        ("Transfer-Encoding", "chunked"), ("Transfer-Encoding", "gzip"), ("Transfer-Encoding", "chunked, chunked"), ("Transfer-Encoding", "gzip, chunked"),
        ("Transfer-Encoding", "identity"), ("Transfer-Encoding", "CHUNKED"), ("Transfer-Encoding", ""), ("Connection", "close"), ("Connection", "keep-alive"),
        ("Connection", "upgrade"), ("Content-Type", "text/html"), ("Content-Type", ""), ("Content-Type", "application/json; charset=utf-8"))
        .Select(h => (Mutation)new HeaderIs(h.Item1, h.Item2));

    private static readonly Gen<Mutation> Removed = Gen.Elements("Content-Length", "Transfer-Encoding", "Content-Type").Select(name => (Mutation)new HeaderRemoved(name));

    private static readonly Gen<Mutation> Big = Gen.Elements(100, 1000, 4000, 4085, 4086, 8000, 8192, 16_000, 17_000, 70_000).Select(length => (Mutation)new BigHeader(length));

    private static readonly Gen<Mutation> Many = Gen.Elements(20, 50, 60, 61, 200).Select(count => (Mutation)new ManyHeaders(count));

    private static readonly Gen<Mutation> RawLine = Gen.Elements(
        "No colon here", "Space-Before-Colon : x", ": empty name", " folded continuation", "\tfolded continuation", "Bad[Name]: x", "X-Nul: a\0b",
        "X-Del: a\u007fb", "X-High: caf\u00e9", "X-CR: a\rb", "Content-Length: 5", "Transfer-Encoding: chunked")
        .Select(line => (Mutation)new RawHeaderLine(line));

    private static readonly Gen<Mutation> Rechunk = Gen.Elements(0, 1, 7, 100, 1000).Select(size => (Mutation)new Rechunked(size));

    private static readonly Gen<Mutation> ChunkSize =
        from chunk in Gen.Choose(0, 30)
        from change in Gen.Elements(Enum.GetValues<SizeChange>())
        select (Mutation)new ChunkSizeIs(chunk, change);

    private static readonly Gen<Mutation> ChunkTerminator =
        from chunk in Gen.Choose(0, 30)
        from terminator in Gen.Elements("", "\n", "\r", "XX", "\r\n\r\n", " \r\n")
        select (Mutation)new ChunkTerminatorIs(chunk, terminator);

    private static readonly Gen<Mutation> Trailers =
        from count in Gen.Elements(1, 3, 60, 61, 200)
        from length in Gen.Elements(1, 100, 5000)
        from malformed in Gen.Elements(false, true)
        select (Mutation)new TrailersAdded(count, length, malformed);

    private static readonly Gen<Mutation> Interim = Gen.Elements(
        "HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 100 Continue\r\nContent-Length: 5\r\n\r\n", "HTTP/1.1 199 Odd\r\n\r\n", "HTTP/1.1 100 Continue\r\n")
        .Select(interim => (Mutation)new InterimFirst(interim));

    private static readonly Gen<Mutation> Body = Gen.Choose(0, Hostile.BaseAnswers.AdversarialBodies.Length - 1).Select(index => (Mutation)new BodyIs(index));

    private static readonly Gen<Mutation> Structural = Gen.Frequency(
        (3, StatusLine), (5, Length), (3, Header), (2, Removed), (2, Big), (1, Many), (2, RawLine), (2, Rechunk), (5, ChunkSize),
        (2, ChunkTerminator), (2, Trailers), (2, Interim), (1, Gen.Constant((Mutation)new PipelinedAnswer())), (4, Body));

    private static readonly Gen<ByteMutation> ByteLevel = Gen.Frequency(
        (3, Position.Select(at => (ByteMutation)new Cut(at))),
        (2, from start in Position from length in Gen.Choose(1, 400) from at in Position select (ByteMutation)new Duplicated(start, length, at)),
        (4, from at in Position from mask in Gen.Elements(1, 2, 4, 8, 16, 32, 64, 128, 0x20, 0x0D ^ 0x20, 0xFF) select (ByteMutation)new Flipped(at, mask)),
        (4, from at in Position from text in Gen.Elements("\r", "\n", "\r\n", "\r\n\r\n", "\n\n", " ", "\t", "\0", ":", ";", "0", "\u007f", "\u00ff", "\r\r\n") select (ByteMutation)new Injected(at, text)));

    private static Gen<ImmutableArray<T>> Several<T>(Gen<T> element, int min, int max) =>
        Gen.Choose(min, max).SelectMany(count => Gen.ArrayOf(element, count)).Select(items => items.ToImmutableArray());

    public static Arbitrary<HostileCase> Cases()
    {
        var gen =
            from kind in Gen.Elements(Enum.GetValues<CaseKind>())
            from chunkBytes in Gen.Elements(0, 0, 0, 1, 64, 500)
            from shape in Gen.Frequency((3, Gen.Constant((1, 0))), (3, Gen.Constant((0, 1))), (4, Gen.Constant((1, 1))))
            from structure in Several(Structural, shape.Item1, shape.Item1 * 2)
            from bytes in Several(ByteLevel, shape.Item2, shape.Item2 * 3)
            from after in Gen.Frequency((10, Gen.Constant(After.Close)), (5, Gen.Constant(After.HalfClose)), (2, Gen.Constant(After.Reset)), (3, Gen.Constant(After.KeepOpen)))
            select new HostileCase(kind, chunkBytes, structure, bytes, after);
        return Arb.From(gen, Shrink);
    }

    private static IEnumerable<HostileCase> Shrink(HostileCase hostile)
    {
        if (hostile.After != After.Close) yield return hostile with { After = After.Close };
        if (hostile.ChunkBytes != 0) yield return hostile with { ChunkBytes = 0 };
        for (var i = 0; i < hostile.Structure.Length; i++) yield return hostile with { Structure = hostile.Structure.RemoveAt(i) };
        for (var i = 0; i < hostile.Bytes.Length; i++) yield return hostile with { Bytes = hostile.Bytes.RemoveAt(i) };
    }
}
