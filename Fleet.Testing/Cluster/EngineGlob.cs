namespace Fleet.Testing.Cluster;

/// <summary>
/// Go's <c>path.Match</c>, which fleet uses to match Conflicts and Replaces against unit names:
/// <c>*</c> (not across <c>/</c>), <c>?</c>, classes <c>[a-z]</c> / <c>[^x]</c> and <c>\</c> escapes.
/// fleet ignores the error of a malformed pattern, so such a pattern matches nothing.
/// </summary>
internal static class EngineGlob
{
    private enum Kind
    {
        Literal,
        Any,
        Star,
        Class,
    }

    private readonly record struct Token(Kind Kind, int Rune = 0, bool Negated = false, (int Lo, int Hi)[]? Ranges = null);

    public static bool Matches(string pattern, string name)
    {
        var tokens = Tokenize(pattern);
        return tokens is not null && Match(tokens, 0, Runes(name), 0);
    }

    private static int[] Runes(string text) => [.. text.EnumerateRunes().Select(r => r.Value)];

    // Go checks the whole pattern's syntax before it can answer true, so a bad pattern is refused up front.
    private static Token[]? Tokenize(string pattern)
    {
        var runes = Runes(pattern);
        var tokens = new List<Token>();
        var i = 0;
        while (i < runes.Length)
        {
            switch (runes[i])
            {
                case '*':
                    tokens.Add(new Token(Kind.Star));
                    i++;
                    break;
                case '?':
                    tokens.Add(new Token(Kind.Any));
                    i++;
                    break;
                case '\\':
                    if (i + 1 >= runes.Length) return null;
                    tokens.Add(new Token(Kind.Literal, runes[i + 1]));
                    i += 2;
                    break;
                case '[':
                    if (ReadClass(runes, ref i) is not { } token) return null;
                    tokens.Add(token);
                    break;
                default:
                    tokens.Add(new Token(Kind.Literal, runes[i]));
                    i++;
                    break;
            }
        }
        return [.. tokens];
    }

    private static Token? ReadClass(int[] runes, ref int i)
    {
        i++;
        var negated = i < runes.Length && runes[i] == '^';
        if (negated) i++;
        var ranges = new List<(int, int)>();
        while (true)
        {
            if (i < runes.Length && runes[i] == ']' && ranges.Count > 0)
            {
                i++;
                return new Token(Kind.Class, Negated: negated, Ranges: [.. ranges]);
            }
            if (ReadClassRune(runes, ref i) is not { } lo) return null;
            var hi = lo;
            if (runes[i] == '-')
            {
                i++;
                if (ReadClassRune(runes, ref i) is not { } upper) return null;
                hi = upper;
            }
            ranges.Add((lo, hi));
        }
    }

    // Go's getEsc: a class member may not be missing, '-' or ']', and must not end the pattern.
    private static int? ReadClassRune(int[] runes, ref int i)
    {
        if (i >= runes.Length || runes[i] is '-' or ']') return null;
        if (runes[i] == '\\')
        {
            i++;
            if (i >= runes.Length) return null;
        }
        var rune = runes[i++];
        return i < runes.Length ? rune : null;
    }

    private static bool Match(Token[] tokens, int t, int[] name, int n)
    {
        while (t < tokens.Length)
        {
            var token = tokens[t];
            if (token.Kind == Kind.Star)
            {
                for (var skip = n; ; skip++)
                {
                    if (Match(tokens, t + 1, name, skip)) return true;
                    if (skip >= name.Length || name[skip] == '/') return false;
                }
            }
            if (n >= name.Length || !MatchOne(token, name[n])) return false;
            t++;
            n++;
        }
        return n == name.Length;
    }

    private static bool MatchOne(Token token, int rune) => token.Kind switch
    {
        Kind.Literal => token.Rune == rune,
        Kind.Any => rune != '/',
        _ => token.Ranges!.Any(r => r.Lo <= rune && rune <= r.Hi) != token.Negated,
    };
}
