namespace Fleet.Cli.Parsing;

/// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>, which pflag's int flags use.</summary>
internal static class GoIntegers
{
    /// <summary>Why Go refuses a number.</summary>
    public enum Failure
    {
        /// <summary>Accepted.</summary>
        None,

        /// <summary>Go's <c>invalid syntax</c>.</summary>
        Syntax,

        /// <summary>Go's <c>value out of range</c>.</summary>
        Range,
    }

    /// <summary>
    /// Reads <paramref name="text"/> as Go does with base 0: an optional sign, then <c>0x</c>,
    /// <c>0o</c>, <c>0b</c> or a lone leading <c>0</c> (octal) for the base, else decimal;
    /// underscores only between digits and only with a base prefix; 64 bits.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The number when accepted.</param>
    /// <returns>Why it was refused, or <see cref="Failure.None"/>.</returns>
    public static Failure TryParse(string text, out long value)
    {
        value = 0;
        if (text.Length == 0) return Failure.Syntax;
        var negative = text[0] == '-';
        var digits = text[0] is '+' or '-' ? text[1..] : text;
        var parsed = ParseUnsigned(digits, out var magnitude);
        if (parsed == Failure.Syntax) return Failure.Syntax;
        const ulong cutoff = 1UL << 63;
        if (parsed == Failure.Range || (!negative && magnitude >= cutoff) || (negative && magnitude > cutoff)) return Failure.Range;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return Failure.None;
    }

    /// <summary>Reads a value of an int flag, or gives pflag's message for one Go refuses.</summary>
    /// <param name="text">The value given.</param>
    /// <param name="flag">The flag, with its dashes.</param>
    /// <param name="value">The number when accepted.</param>
    /// <returns>The message, or null when the value was read.</returns>
    public static string? Refusal(string text, string flag, out long value) => TryParse(text, out value) switch
    {
        Failure.None => null,
        Failure.Range => ParseErrors.InvalidArgument(text, flag, "strconv.ParseInt", "value out of range"),
        _ => ParseErrors.InvalidArgument(text, flag, "strconv.ParseInt"),
    };

    // strconv.ParseUint(s, 0, 64): a range error ends the reading at once, before later bad digits.
    private static Failure ParseUnsigned(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0) return Failure.Syntax;
        var numberBase = 10UL;
        var rest = text;
        if (text[0] == '0')
        {
            var prefix = text.Length >= 3 ? char.ToLowerInvariant(text[1]) : '\0';
            (numberBase, rest) = prefix switch
            {
                'b' => (2UL, text[2..]),
                'o' => (8UL, text[2..]),
                'x' => (16UL, text[2..]),
                _ => (8UL, text[1..]),
            };
        }
        var cutoff = ulong.MaxValue / numberBase + 1;
        var underscores = false;
        foreach (var c in rest)
        {
            ulong digit;
            var lower = char.ToLowerInvariant(c);
            if (c == '_')
            {
                underscores = true;
                continue;
            }
            if (c is >= '0' and <= '9') digit = (ulong)(c - '0');
            else if (lower is >= 'a' and <= 'z') digit = (ulong)(lower - 'a' + 10);
            else return Failure.Syntax;
            if (digit >= numberBase) return Failure.Syntax;
            if (value >= cutoff) return Failure.Range;
            var next = value * numberBase + digit;
            if (next < value * numberBase) return Failure.Range;
            value = next;
        }
        return underscores && !UnderscoresAllowed(text) ? Failure.Syntax : Failure.None;
    }

    // strconv's underscoreOK: underscores only with a base prefix, each between two digits.
    private static bool UnderscoresAllowed(string text)
    {
        var saw = '^';
        var i = 0;
        var hex = false;
        if (text.Length >= 2 && text[0] == '0' && char.ToLowerInvariant(text[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(text[1]) == 'x';
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9' || (hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f'))
            {
                saw = '0';
                continue;
            }
            if (c == '_')
            {
                if (saw != '0') return false;
                saw = '_';
                continue;
            }
            if (saw == '_') return false;
            saw = '!';
        }
        return saw != '_';
    }
}
