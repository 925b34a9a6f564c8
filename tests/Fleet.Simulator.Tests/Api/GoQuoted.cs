using System.Globalization;
using System.Text;

namespace Fleet.Simulator.Tests.Api;

/// <summary>Go's <c>%q</c> (strconv.Quote) undone, for reading the output of Go oracle programs.</summary>
internal static class GoQuoted
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The bytes of the quoted Go string. Bytes, not text: a Go string need not be UTF-8, and
    /// %q writes each byte that is not part of valid UTF-8 as <c>\xNN</c>.
    /// </summary>
    public static byte[] Unquote(string quoted)
    {
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"') throw new FormatException($"not a Go quoted string: {quoted}");
        var body = quoted[1..^1];
        var bytes = new List<byte>(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            if (body[i] != '\\')
            {
                // Printable characters, ASCII or not, are written as they are, in UTF-8.
                var rune = Rune.GetRuneAt(body, i);
                AppendUtf8(bytes, rune);
                i += rune.Utf16SequenceLength;
                continue;
            }
            if (i + 1 == body.Length) throw new FormatException($"dangling backslash: {quoted}");
            var escape = body[i + 1];
            i += 2;
            switch (escape)
            {
                case 'a': bytes.Add(0x07); break;
                case 'b': bytes.Add(0x08); break;
                case 'f': bytes.Add(0x0C); break;
                case 'n': bytes.Add(0x0A); break;
                case 'r': bytes.Add(0x0D); break;
                case 't': bytes.Add(0x09); break;
                case 'v': bytes.Add(0x0B); break;
                case '\\' or '"': bytes.Add((byte)escape); break;
                // \xNN is one raw byte; \u and \U are a code point, written in UTF-8.
                case 'x': bytes.Add((byte)Hex(body, ref i, 2)); break;
                case 'u': AppendUtf8(bytes, new Rune(Hex(body, ref i, 4))); break;
                case 'U': AppendUtf8(bytes, new Rune(Hex(body, ref i, 8))); break;
                default: throw new FormatException($"unknown escape \\{escape}: {quoted}");
            }
        }
        return bytes.ToArray();
    }

    /// <summary>The quoted Go string as text; Go's error messages and decoded JSON strings are always UTF-8.</summary>
    public static string UnquoteText(string quoted) => StrictUtf8.GetString(Unquote(quoted));

    private static int Hex(string text, ref int i, int digits)
    {
        if (i + digits > text.Length) throw new FormatException($"short hex escape: {text}");
        var value = int.Parse(text.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        i += digits;
        return value;
    }

    private static void AppendUtf8(List<byte> bytes, Rune rune)
    {
        Span<byte> utf8 = stackalloc byte[4];
        bytes.AddRange(utf8[..rune.EncodeToUtf8(utf8)]);
    }
}
