using System.Text;
using Fleet.UnitFiles.Parsing;

namespace Fleet.UnitFiles.Requirements;

/// <summary>
/// Go's <c>path.Match</c> glob (<c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>[^x]</c>, <c>\</c> escapes; none
/// cross <c>/</c>), which fleet uses to match Conflicts and Replaces against unit names. A
/// malformed pattern matches nothing, as fleet ignores the error.
/// </summary>
internal static class GoPathMatch
{
    private enum Chunk
    {
        Matched,
        Mismatched,
        BadPattern,
    }

    // Unit names and globs are short: encoded on the stack, as the scheduler matches them for
    // every unit on every machine it tries.
    private const int StackBytes = 256;

    public static bool Matches(string pattern, string name)
    {
        var patternBytes = Encoding.UTF8.GetByteCount(pattern);
        var nameBytes = Encoding.UTF8.GetByteCount(name);
        Span<byte> encodedPattern = patternBytes <= StackBytes ? stackalloc byte[StackBytes] : new byte[patternBytes];
        Span<byte> encodedName = nameBytes <= StackBytes ? stackalloc byte[StackBytes] : new byte[nameBytes];
        Encoding.UTF8.GetBytes(pattern, encodedPattern);
        Encoding.UTF8.GetBytes(name, encodedName);
        return Match(encodedPattern[..patternBytes], encodedName[..nameBytes]);
    }

    private static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> name)
    {
        while (!pattern.IsEmpty)
        {
            var star = ScanChunk(ref pattern, out var chunk);
            if (star && chunk.IsEmpty) return name.IndexOf((byte)'/') < 0;

            var result = MatchChunk(chunk, name, out var rest);
            // The last chunk must use up the name; otherwise the star may still find a place.
            if (result == Chunk.Matched && (rest == 0 || !pattern.IsEmpty))
            {
                name = name[^rest..];
                continue;
            }
            if (result == Chunk.BadPattern) return false;
            if (star && TrySkip(chunk, pattern.IsEmpty, ref name)) continue;
            return false;
        }
        return name.IsEmpty;
    }

    // After a star: try the chunk at each later position that does not skip over a '/'.
    private static bool TrySkip(scoped ReadOnlySpan<byte> chunk, bool lastChunk, ref ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < name.Length && name[i] != '/'; i++)
        {
            var result = MatchChunk(chunk, name[(i + 1)..], out var rest);
            if (result == Chunk.Matched)
            {
                if (lastChunk && rest != 0) continue;
                name = name[^rest..];
                return true;
            }
            if (result == Chunk.BadPattern) return false;
        }
        return false;
    }

    // Splits off leading stars and the chunk up to the next star outside a [class].
    private static bool ScanChunk(ref ReadOnlySpan<byte> pattern, out ReadOnlySpan<byte> chunk)
    {
        var star = false;
        while (!pattern.IsEmpty && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }
        var inRange = false;
        var i = 0;
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) i++;
            else if (c == '[') inRange = true;
            else if (c == ']') inRange = false;
            else if (c == '*' && !inRange) break;
        }
        chunk = pattern[..i];
        pattern = pattern[i..];
        return star;
    }

    // Matches one chunk at the start of s; keeps reading the chunk after a mismatch so that a
    // malformed pattern is still reported as such.
    private static Chunk MatchChunk(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> s, out int rest)
    {
        rest = 0;
        var failed = false;
        while (!chunk.IsEmpty)
        {
            if (!failed && s.IsEmpty) failed = true;
            switch (chunk[0])
            {
                case (byte)'[':
                {
                    var rune = 0;
                    if (!failed)
                    {
                        rune = GoText.DecodeRune(s, out var size);
                        s = s[size..];
                    }
                    chunk = chunk[1..];
                    var negated = !chunk.IsEmpty && chunk[0] == '^';
                    if (negated) chunk = chunk[1..];
                    var matched = false;
                    var ranges = 0;
                    while (true)
                    {
                        if (!chunk.IsEmpty && chunk[0] == ']' && ranges > 0)
                        {
                            chunk = chunk[1..];
                            break;
                        }
                        if (!TryEscaped(ref chunk, out var lo)) return Chunk.BadPattern;
                        var hi = lo;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (!TryEscaped(ref chunk, out hi)) return Chunk.BadPattern;
                        }
                        if (lo <= rune && rune <= hi) matched = true;
                        ranges++;
                    }
                    if (matched == negated) failed = true;
                    break;
                }
                case (byte)'?':
                    if (!failed)
                    {
                        if (s[0] == '/') failed = true;
                        GoText.DecodeRune(s, out var size);
                        s = s[size..];
                    }
                    chunk = chunk[1..];
                    break;
                default:
                    if (chunk[0] == '\\')
                    {
                        chunk = chunk[1..];
                        if (chunk.IsEmpty) return Chunk.BadPattern;
                    }
                    if (!failed)
                    {
                        if (chunk[0] != s[0]) failed = true;
                        s = s[1..];
                    }
                    chunk = chunk[1..];
                    break;
            }
        }
        if (failed) return Chunk.Mismatched;
        rest = s.Length;
        return Chunk.Matched;
    }

    // One character of a [class], possibly escaped; false for a malformed class.
    private static bool TryEscaped(ref ReadOnlySpan<byte> chunk, out int rune)
    {
        rune = 0;
        if (chunk.IsEmpty || chunk[0] == '-' || chunk[0] == ']') return false;
        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.IsEmpty) return false;
        }
        rune = GoText.DecodeRune(chunk, out var size);
        var valid = !(rune == GoText.RuneError && size == 1);
        chunk = chunk[size..];
        return valid && !chunk.IsEmpty;
    }
}
