namespace Fleet.Benchmarks;

/// <summary>
/// Heap sizes of the objects a parse result is made of, on 64-bit CoreCLR: an 8-byte header and
/// an 8-byte method table pointer, fields after, everything rounded up to 8 bytes.
/// </summary>
internal static class ObjectSizes
{
    private const int Header = 16;

    /// <summary>A string: header, 4-byte length, UTF-16 characters and a terminating NUL.</summary>
    public static long String(int length) => RoundUp(Header + 4 + 2 * (length + 1));

    /// <summary>A class instance with <paramref name="references"/> reference fields and nothing else.</summary>
    public static long Object(int references) => RoundUp(Header + 8 * references);

    /// <summary>An array of references: header, length (padded to 8) and the elements.</summary>
    public static long ReferenceArray(int length) => Header + 8 + 8L * length;

    private static long RoundUp(long size) => (size + 7) & ~7L;
}
