using System.Globalization;
using System.Text;

namespace Fleet.Core.Text;

/// <summary>
/// Quotes text the way fleet's messages do (Go's <c>%q</c>), so that errors this library
/// produces read exactly like the ones fleet and fleetctl print.
/// </summary>
internal static class GoQuoting
{
    /// <summary>Quotes a string as Go's <c>strconv.Quote</c> does: <c>"a\tb"</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The quoted text.</returns>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes()) AppendRune(builder, rune, '"');
        return builder.Append('"').ToString();
    }

    /// <summary>Quotes one character as Go's <c>strconv.QuoteRune</c> does: <c>'!'</c>.</summary>
    /// <param name="rune">The character.</param>
    /// <returns>The quoted character.</returns>
    public static string QuoteRune(Rune rune)
    {
        var builder = new StringBuilder(8).Append('\'');
        AppendRune(builder, rune, '\'');
        return builder.Append('\'').ToString();
    }

    private static void AppendRune(StringBuilder builder, Rune rune, char quote)
    {
        var value = rune.Value;
        if (value == quote || value == '\\')
        {
            builder.Append('\\').Append((char)value);
            return;
        }
        if (IsPrint(rune))
        {
            builder.Append(rune.ToString());
            return;
        }
        _ = value switch
        {
            '\a' => builder.Append(@"\a"),
            '\b' => builder.Append(@"\b"),
            '\f' => builder.Append(@"\f"),
            '\n' => builder.Append(@"\n"),
            '\r' => builder.Append(@"\r"),
            '\t' => builder.Append(@"\t"),
            '\v' => builder.Append(@"\v"),
            < ' ' or 0x7F => builder.Append(CultureInfo.InvariantCulture, $@"\x{value:x2}"),
            < 0x10000 => builder.Append(CultureInfo.InvariantCulture, $@"\u{value:x4}"),
            _ => builder.Append(CultureInfo.InvariantCulture, $@"\U{value:x8}"),
        };
    }

    // Go's strconv.IsPrint, by Go 1.19's Unicode tables rather than .NET's newer ones.
    private static bool IsPrint(Rune rune) => GoPrintable.Contains(rune.Value);
}
