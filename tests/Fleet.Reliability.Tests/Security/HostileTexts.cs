using FsCheck;
using FsCheck.Fluent;

namespace Fleet.Reliability.Tests.Security;

/// <summary>A text a caller might pass as a unit name, machine id or filter value, built from pieces that break request lines.</summary>
public sealed record HostileText(string Value)
{
    /// <summary>Whether the text has a UTF-8 form at all (no half of a surrogate pair), judged by a strict encoder.</summary>
    public bool IsWellFormed
    {
        get
        {
            try
            {
                _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(Value);
                return true;
            }
            catch (System.Text.EncoderFallbackException)
            {
                return false;
            }
        }
    }

    public override string ToString() => string.Concat(Value.Select(c => c is >= ' ' and < (char)0x7F ? c.ToString() : $"\\u{(int)c:x4}"));
}

/// <summary>
/// Texts with CR, LF, spaces, '/', '?', '#', '%', escapes that look already done, dot segments,
/// header lines, non-ASCII letters, emoji and lone surrogates; and texts of the characters unit
/// names may hold alone. Half end in ".service", so that many are names fleet would accept.
/// </summary>
public static class HostileTexts
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "9", "web", "@", "\\", ":", "-", "_", ".", "..", " ", "/", "?", "#", "%", "%2F", "%00", "%zz", "&", "=", "+", ";",
        "\r", "\n", "\r\n", "\t", "\0", "\u007f", "\u00e9", "\u4e16", "\U0001F600", "\ud800", "\udc00", " HTTP/1.1\r\nHost: evil\r\n\r\n",
        "\r\nX-Injected: 1", "?unitName=other", "#fragment", "/../", "~", "\"", "'", "<", ">",
    ];

    // What fleet allows in a unit name: texts of these alone, with a type, are sent.
    private static readonly string[] NamePieces = ["a", "Z", "9", "web", "@", "\\", ":", "-", "_", "."];

    public static Arbitrary<HostileText> Texts()
    {
        var gen =
            from count in Gen.Choose(1, 6)
            from pieces in Gen.Frequency((1, Gen.ArrayOf(Gen.Elements(NamePieces), count)), (2, Gen.ArrayOf(Gen.Elements(Pieces), count)))
            from suffix in Gen.Frequency((1, Gen.Constant("")), (1, Gen.Constant(".service")))
            select new HostileText(string.Concat(pieces) + suffix);
        return Arb.From(gen, text => Shrinks(text.Value).Select(value => new HostileText(value)));
    }

    private static IEnumerable<string> Shrinks(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            // Never split a surrogate pair in two: that would be another case, not a smaller one.
            if (char.IsLowSurrogate(value[i]) && i > 0 && char.IsHighSurrogate(value[i - 1])) continue;
            var length = char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
            var shorter = value.Remove(i, length);
            if (shorter.Length > 0) yield return shorter;
        }
    }
}
