namespace Fleet.Core;

/// <summary>A place in a text: 1-based line and column, and the 0-based byte offset.</summary>
/// <param name="Line">The line, counting from 1.</param>
/// <param name="Column">The column in Unicode characters, counting from 1.</param>
/// <param name="Offset">The byte offset in the UTF-8 input, counting from 0.</param>
public sealed record SourceLocation(int Line, int Column, int Offset)
{
    /// <summary>Finds the line and column of a byte offset in UTF-8 text.</summary>
    /// <param name="utf8">The whole text.</param>
    /// <param name="offset">The byte offset, at most the text's length.</param>
    /// <returns>The location of <paramref name="offset"/>.</returns>
    public static SourceLocation Of(ReadOnlySpan<byte> utf8, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, utf8.Length);
        var before = utf8[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = 1;
        foreach (var b in before[lineStart..])
        {
            // Count characters, not bytes: only lead bytes (not 10xxxxxx) start one.
            if ((b & 0xC0) != 0x80) column++;
        }
        return new SourceLocation(line, column, offset);
    }

    /// <inheritdoc />
    public override string ToString() => $"line {Line}, column {Column}";
}
