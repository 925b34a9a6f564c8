using System.Buffers.Binary;

namespace Fleet.Simulator.Api;

/// <summary>
/// fleet's page token: URL-safe base64 (with padding) of two little-endian uint16s, the page
/// size and the 1-based page number. <c>ZAACAA==</c> is page 2 of 100.
/// </summary>
internal readonly record struct PageToken(ushort Limit, ushort Page)
{
    /// <summary>fleet's page size.</summary>
    public const ushort DefaultLimit = 100;

    public static PageToken First => new(DefaultLimit, 1);

    public PageToken Next => this with { Page = (ushort)(Page + 1) };

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, Limit);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[2..], Page);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// The token of a request's <c>nextPageToken</c> values, or the first page when there is
    /// none; otherwise the message fleet answers 400 with (Go's base64 and binary errors).
    /// </summary>
    public static (PageToken Token, string? Error) FromQuery(IReadOnlyList<string> values)
    {
        if (values.Count > 1) return (default, "too many values for page token");
        if (values.Count == 0) return (First, null);
        var (bytes, error) = GoBase64.DecodeUrl(values[0]);
        if (error is not null) return (default, error);
        // binary.Read of two uint16s: nothing is EOF, a part of them is unexpected EOF.
        if (bytes.Length == 0) return (default, "EOF");
        if (bytes.Length < 4) return (default, "unexpected EOF");
        var token = new PageToken(BinaryPrimitives.ReadUInt16LittleEndian(bytes), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2)));
        if (token.Limit != DefaultLimit) return (default, $"token limit must be {DefaultLimit}");
        if (token.Page == 0) return (default, "token page must be greater than zero");
        return (token, null);
    }

    /// <summary>
    /// The items of this page of <paramref name="all"/>, and the token of the next page when
    /// this one is full (so a page that ends exactly at the end still points at an empty next
    /// one, as fleet's does). Bounds are computed in uint16 as fleet computes them.
    /// </summary>
    public (IReadOnlyList<T> Items, PageToken? Next) Slice<T>(IReadOnlyList<T> all)
    {
        int start = (ushort)((Page - 1) * Limit);
        int stop = (ushort)(Page * Limit);
        if (start >= all.Count || stop < start) return ([], null);
        if (stop > all.Count) return (all.Skip(start).ToArray(), null);
        return (all.Skip(start).Take(stop - start).ToArray(), Next);
    }
}
