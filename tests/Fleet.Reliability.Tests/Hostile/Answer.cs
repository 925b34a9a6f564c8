using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>One header line: a name and value, or (Value null) a raw line written as it is.</summary>
internal readonly record struct HeaderLine(string Name, string? Value)
{
    public string Render() => Value is null ? Name : $"{Name}: {Value}";
}

/// <summary>
/// An HTTP answer in parts, so mutations can change its structure (status line, headers, framing,
/// chunks, trailers) before it becomes bytes. A Content-Length header whose value is
/// <see cref="AutoLength"/> is filled in with the body's real length when rendered.
/// </summary>
internal sealed record Answer(
    string StatusLine,
    ImmutableList<HeaderLine> Headers,
    byte[] Body,
    bool Chunked = false,
    int ChunkBytes = 0,
    ImmutableDictionary<int, string>? ChunkSizeLines = null,
    ImmutableDictionary<int, string>? ChunkTerminators = null,
    ImmutableList<string>? Trailers = null,
    string Prefix = "",
    byte[]? Suffix = null)
{
    public const string ContentLength = "Content-Length";

    /// <summary>The value that renders as the body's length.</summary>
    public const string AutoLength = "(length)";

    /// <summary>fleet's JSON answer: Content-Type, Server, Date, and its length or chunked framing.</summary>
    public static Answer Json(string statusLine, string json, bool chunked = false, int chunkBytes = 0) => new(
        statusLine,
        [new("Content-Type", "application/json"), new("Server", "fleetd/v1.0.0"), new("Date", "Mon, 23 Nov 2026 00:02:29 GMT"),
            chunked ? new("Transfer-Encoding", "chunked") : new(ContentLength, AutoLength)],
        Encoding.UTF8.GetBytes(json),
        chunked,
        chunkBytes);

    /// <summary>An answer with no body: 201 with Content-Length 0, or 204 with no length at all, as fleet sends them.</summary>
    public static Answer Empty(string statusLine, bool withLength) => new(
        statusLine,
        withLength
            ? [new("Server", "fleetd/v1.0.0"), new("Date", "Mon, 23 Nov 2026 00:02:29 GMT"), new(ContentLength, AutoLength)]
            : [new("Server", "fleetd/v1.0.0"), new("Date", "Mon, 23 Nov 2026 00:02:29 GMT")],
        []);

    /// <summary>The value of the first header with this name, or null.</summary>
    public HeaderLine? Header(string name) => Headers.Where(h => h.Value is not null && h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => (HeaderLine?)h).FirstOrDefault();

    /// <summary>Sets a header: replaces the first of that name, or adds it before the others end.</summary>
    public Answer WithHeader(string name, string? value)
    {
        var index = Headers.FindIndex(h => h.Value is not null && h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return this with { Headers = index < 0 ? Headers.Add(new(name, value)) : Headers.SetItem(index, new(name, value)) };
    }

    public Answer WithoutHeader(string name) =>
        this with { Headers = Headers.RemoveAll(h => h.Value is not null && h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) };

    /// <summary>The body's chunks, as rendered: pieces of <see cref="ChunkBytes"/> (one chunk when 0).</summary>
    public IReadOnlyList<(int Offset, int Length)> Chunks()
    {
        var size = ChunkBytes <= 0 ? Math.Max(Body.Length, 1) : ChunkBytes;
        var chunks = new List<(int, int)>();
        for (var offset = 0; offset < Body.Length; offset += size) chunks.Add((offset, Math.Min(size, Body.Length - offset)));
        return chunks;
    }

    public byte[] Render()
    {
        var output = new MemoryStream();
        void Write(string text) => output.Write(Encoding.Latin1.GetBytes(text));
        Write(Prefix);
        Write(StatusLine + "\r\n");
        foreach (var header in Headers)
        {
            var line = header.Value == AutoLength ? $"{header.Name}: {Body.Length}" : header.Render();
            Write(line + "\r\n");
        }
        Write("\r\n");
        if (!Chunked)
        {
            output.Write(Body);
        }
        else
        {
            var index = 0;
            foreach (var (offset, length) in Chunks())
            {
                Write((ChunkSizeLines?.GetValueOrDefault(index) ?? length.ToString("x", CultureInfo.InvariantCulture)) + "\r\n");
                output.Write(Body, offset, length);
                Write(ChunkTerminators?.GetValueOrDefault(index) ?? "\r\n");
                index++;
            }
            Write("0\r\n");
            foreach (var trailer in Trailers ?? []) Write(trailer + "\r\n");
            Write("\r\n");
        }
        if (Suffix is not null) output.Write(Suffix);
        return output.ToArray();
    }
}
