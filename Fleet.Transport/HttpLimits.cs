namespace Fleet.Transport;

/// <summary>
/// How much of a response the client reads before giving up with a clear error. Every limit is
/// enforced before the bytes it counts are buffered further, so a hostile server cannot make
/// the client hold more than these.
/// </summary>
public sealed record HttpLimits
{
    /// <summary>The default most bytes of a status line and headers together (64 KiB).</summary>
    public const int DefaultMaxHeaderBytes = 64 * 1024;

    /// <summary>The default longest line of the head, a chunk-size line or a trailer (8 KiB).</summary>
    public const int DefaultMaxLineBytes = 8 * 1024;

    /// <summary>The default most header (and trailer) lines.</summary>
    public const int DefaultMaxHeaderCount = 100;

    /// <summary>The default largest body (16 MiB; a page of 100 fleet units is well under 1 MiB).</summary>
    public const long DefaultMaxBodyBytes = 16L * 1024 * 1024;

    /// <summary>The limits used when none are given.</summary>
    public static HttpLimits Default { get; } = new();

    /// <summary>The most bytes of a status line and headers together (and of trailers).</summary>
    public int MaxHeaderBytes { get; init; } = DefaultMaxHeaderBytes;

    /// <summary>The longest single line.</summary>
    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    /// <summary>The most header lines, and separately the most trailer lines.</summary>
    public int MaxHeaderCount { get; init; } = DefaultMaxHeaderCount;

    /// <summary>The largest body, after chunked decoding.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;
}
