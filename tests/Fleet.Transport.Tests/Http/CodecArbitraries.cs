using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Fleet.Transport.Tests.Http;

/// <summary>A response head as the generator meant it, with the bytes that say it.</summary>
public sealed record GeneratedHead(int Version, int Status, string Reason, IReadOnlyList<(string Name, string Value)> Headers, bool BareLf, int[] Cuts)
{
    public long? ContentLength => Headers.Where(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => (long?)long.Parse(h.Value, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    public string? ContentType => Headers.Where(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).LastOrDefault();

    public bool KeepAlive
    {
        get
        {
            var options = Headers.Where(h => h.Name.Equals("Connection", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.ToLowerInvariant()).ToList();
            var close = options.Contains("close");
            return Version == 11 ? !close : options.Contains("keep-alive") && !close;
        }
    }

    public byte[] Bytes()
    {
        var eol = BareLf ? "\n" : "\r\n";
        var text = new StringBuilder($"HTTP/1.{Version - 10} {Status}{(Reason.Length > 0 ? " " + Reason : "")}{eol}");
        foreach (var (name, value) in Headers) text.Append(name).Append(':').Append(' ').Append(value).Append(eol);
        return Encoding.ASCII.GetBytes(text.Append(eol).ToString());
    }
}

/// <summary>A body and the chunk sizes, extensions and trailers it is sent with.</summary>
public sealed record GeneratedChunks(byte[] Body, int[] Sizes, bool Extensions, bool UpperHex, string[] Trailers, int[] Cuts)
{
    public byte[] Encoded()
    {
        var output = new MemoryStream();
        void Write(string s) => output.Write(Encoding.ASCII.GetBytes(s));
        var offset = 0;
        var index = 0;
        foreach (var size in Sizes)
        {
            var hex = size.ToString(UpperHex ? "X" : "x", System.Globalization.CultureInfo.InvariantCulture);
            Write(index % 3 == 1 ? "0" + hex : hex);
            if (Extensions) Write(index % 2 == 0 ? ";name=value" : " ; flag");
            Write("\r\n");
            output.Write(Body, offset, size);
            Write("\r\n");
            offset += size;
            index++;
        }
        Write("0\r\n");
        foreach (var trailer in Trailers) Write(trailer + "\r\n");
        Write("\r\n");
        return output.ToArray();
    }
}

/// <summary>Arbitraries for the codec properties; each shrinks towards fewer headers, chunks and cuts.</summary>
public static class CodecArbitraries
{
    private static readonly Gen<string> Token = Gen.Elements("X-Request-Id", "Server", "Date", "ETag", "Cache-Control", "X-A", "x-b", "Vary");
    private static readonly Gen<string> Visible = ArrayOf(Gen.Elements("a", "Z", "0", "9", " ", "\t", "/", ";", "=", ",", "\"", "(", ":", "~"), 0, 20).Select(string.Concat);

    private static Gen<(string, string)> Header =>
        Gen.OneOf(
            Token.Zip(Visible, (name, value) => (name, value.Trim(' ', '\t'))),
            Gen.Elements(("Content-Type", "application/json"), ("Content-Type", "text/plain; charset=utf-8"), ("Connection", "close"), ("Connection", "keep-alive")));

    private static Gen<T[]> ArrayOf<T>(Gen<T> element, int min, int max) =>
        Gen.Choose(min, max).SelectMany(length => Gen.ArrayOf(element, length));

    private static Gen<int[]> Cuts(int max) => ArrayOf(Gen.Choose(1, max), 0, 4);

    public static Arbitrary<GeneratedHead> Heads()
    {
        var gen =
            from version in Gen.Elements(10, 11)
            from status in Gen.Choose(200, 599)
            from reason in Gen.Elements("", "OK", "Not Found", "Some Reason Phrase")
            from headers in ArrayOf(Header, 0, 12)
            from length in Gen.OneOf(Gen.Constant((long?)null), Gen.Choose(0, 100000).Select(n => (long?)n))
            from bareLf in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            from cuts in Cuts(400)
            select new GeneratedHead(version, status, reason,
                length is null ? headers : [.. headers, ("Content-Length", length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                bareLf, cuts);
        return Arb.From(gen, head =>
            head.Headers.Select((_, i) => head with { Headers = [.. head.Headers.Where((_, j) => j != i)] })
                .Concat(head.Cuts.Length > 0 ? [head with { Cuts = head.Cuts[1..] }] : []));
    }

    public static Arbitrary<GeneratedChunks> Chunks()
    {
        var gen =
            from body in ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 0, 3000)
            from pieces in Gen.Choose(1, 12)
            from seeds in Gen.ArrayOf(Gen.Choose(1, 1000), pieces)
            from extensions in Gen.Elements(false, true)
            from upper in Gen.Elements(false, true)
            from trailers in ArrayOf(Gen.Elements("Expires: 0", "X-Checksum: abc", "T:v"), 0, 3)
            from cuts in Cuts(4000)
            select new GeneratedChunks(body, Split(body.Length, seeds), extensions, upper, trailers, cuts);
        return Arb.From(gen, chunks =>
            (chunks.Body.Length > 0
                ? new[] { chunks with { Body = chunks.Body[..(chunks.Body.Length / 2)], Sizes = Split(chunks.Body.Length / 2, chunks.Sizes) } }
                : [])
            .Concat(chunks.Trailers.Length > 0 ? [chunks with { Trailers = chunks.Trailers[1..] }] : [])
            .Concat(chunks.Cuts.Length > 0 ? [chunks with { Cuts = chunks.Cuts[1..] }] : []));
    }

    // Chunk sizes that add up to the body's length, in proportion to the seeds (none zero).
    private static int[] Split(int length, int[] seeds)
    {
        if (length == 0) return [];
        var total = seeds.Sum(s => (long)s);
        var sizes = seeds.Select(s => (int)(length * s / total)).Where(s => s > 0).ToList();
        var rest = length - sizes.Sum();
        if (rest > 0) sizes.Add(rest);
        return [.. sizes];
    }
}

/// <summary>A request as the generator meant it.</summary>
public sealed record GeneratedRequest(string Method, string[] Segments, string? Query, byte[]? Body)
{
    public string Target => "/req/" + string.Join('/', Segments.Select(segment => Fleet.Transport.Http.PathSegment.Escape(segment).Match(e => e, error => throw new InvalidOperationException(error.Message)))) + (Query is null ? "" : "?q=" + Uri.EscapeDataString(Query));
}

/// <summary>Requests with any text in their path and query (escaped) and any bytes as body.</summary>
public static class RequestArbitraries
{
    // Any text but the dot-segments "." and "..", which no server reads back as text (PathSegment refuses them).
    private static readonly Gen<string> Text =
        Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements("a", "@", ".", " ", "/", "?", "#", "%", "&", "=", "+", "\r", "\n", "\u00e9", "\u4e16", "\U0001F600", "\"", "\\"), n)).Select(string.Concat);

    public static Arbitrary<GeneratedRequest> Requests()
    {
        var gen =
            from method in Gen.Elements("GET", "PUT", "DELETE", "PATCH")
            from segments in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Text.Where(t => t.Length > 0 && t is not "." and not ".."), n))
            from query in Gen.OneOf(Gen.Constant((string?)null), Text.Select(t => (string?)t))
            from size in Gen.Choose(0, 4000)
            from body in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), size)
            select new GeneratedRequest(method, segments, query, method is "PUT" or "PATCH" ? body : null);
        return Arb.From(gen, request =>
            (request.Segments.Length > 1 ? new[] { request with { Segments = request.Segments[1..] } } : [])
            .Concat(request.Query is null ? [] : [request with { Query = null }])
            .Concat(request.Body is { Length: > 0 } b ? [request with { Body = b[..(b.Length / 2)] }] : []));
    }
}
