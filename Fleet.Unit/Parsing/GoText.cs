using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Fleet.UnitFiles.Parsing;

/// <summary>
/// Go's UTF-8 decoding and white-space rules (unicode/utf8, unicode.IsSpace, bytes.TrimSpace), which
/// decide where go-systemd's lexer splits a unit file. .NET's decoder differs on invalid input
/// (it replaces maximal subparts, Go one byte at a time), so these follow Go to the byte.
/// </summary>
internal static class GoText
{
    public const int RuneError = 0xFFFD;
    private const int UtfMax = 4;

    // The longest text ToText converts through a stack buffer (512 bytes of stack).
    private const int StackChars = 256;

    /// <summary>Decodes the first rune as Go's utf8.DecodeRune: invalid input is (U+FFFD, 1).</summary>
    public static int DecodeRune(ReadOnlySpan<byte> p, out int size)
    {
        if (p.IsEmpty)
        {
            size = 0;
            return RuneError;
        }
        var p0 = p[0];
        if (p0 < 0x80)
        {
            size = 1;
            return p0;
        }
        var (need, lo, hi) = LeadInfo(p0);
        size = 1;
        if (need == 0 || p.Length < need) return RuneError;
        var b1 = p[1];
        if (b1 < lo || b1 > hi) return RuneError;
        if (need == 2)
        {
            size = 2;
            return ((p0 & 0x1F) << 6) | (b1 & 0x3F);
        }
        var b2 = p[2];
        if (b2 is < 0x80 or > 0xBF) return RuneError;
        if (need == 3)
        {
            size = 3;
            return ((p0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
        }
        var b3 = p[3];
        if (b3 is < 0x80 or > 0xBF) return RuneError;
        size = 4;
        return ((p0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
    }

    /// <summary>Decodes the last rune as Go's utf8.DecodeLastRune.</summary>
    public static int DecodeLastRune(ReadOnlySpan<byte> p, out int size)
    {
        var end = p.Length;
        if (end == 0)
        {
            size = 0;
            return RuneError;
        }
        var start = end - 1;
        if (p[start] < 0x80)
        {
            size = 1;
            return p[start];
        }
        var lim = Math.Max(end - UtfMax, 0);
        for (start--; start >= lim; start--)
        {
            if ((p[start] & 0xC0) != 0x80) break;
        }
        if (start < 0) start = 0;
        var rune = DecodeRune(p[start..end], out size);
        if (start + size != end)
        {
            size = 1;
            return RuneError;
        }
        return rune;
    }

    /// <summary>Go's utf8.FullRune: whether the bytes begin with a whole rune (an invalid byte counts as one).</summary>
    public static bool FullRune(ReadOnlySpan<byte> p)
    {
        if (p.IsEmpty) return false;
        var p0 = p[0];
        if (p0 < 0x80) return true;
        var (need, lo, hi) = LeadInfo(p0);
        if (need == 0 || p.Length >= need) return true;
        if (p.Length > 1 && (p[1] < lo || p[1] > hi)) return true;
        if (p.Length > 2 && p[2] is < 0x80 or > 0xBF) return true;
        return false;
    }

    // Length of the sequence a lead byte starts and the range its second byte must be in
    // (Go's first/acceptRanges tables); need 0 marks a byte that cannot start a rune.
    private static (int Need, byte Lo, byte Hi) LeadInfo(byte lead) => lead switch
    {
        < 0xC2 => (0, 0, 0),
        < 0xE0 => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xED => (3, 0x80, 0x9F),
        < 0xF0 => (3, 0x80, 0xBF),
        0xF0 => (4, 0x90, 0xBF),
        < 0xF4 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => (0, 0, 0),
    };

    // Bit n is set for the ASCII white space characters: '\t' '\n' '\v' '\f' '\r' and ' '.
    private const ulong AsciiSpaces = (1UL << '\t') | (1UL << '\n') | (1UL << '\v') | (1UL << '\f') | (1UL << '\r') | (1UL << ' ');

    /// <summary>Go's unicode.IsSpace.</summary>
    // The parser asks this of the first rune of nearly every line, which is ASCII: a bit test
    // answers that inline, the switch takes the rest.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(int rune) => rune < 0x80 ? IsAsciiSpace((byte)rune) : IsNonAsciiSpace(rune);

    private static bool IsNonAsciiSpace(int rune) => rune switch
    {
        0x85 or 0xA0 or 0x1680 or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 => true,
        _ => false,
    };

    private static bool IsAsciiSpace(byte b) => b <= ' ' && ((1UL << b) & AsciiSpaces) != 0;

    /// <summary>Go's bytes.TrimSpace: leading and trailing Unicode white space removed.</summary>
    // Most names and values have nothing to trim, which their two end bytes tell: that check is
    // inlined into the parser, the loops run only when an end byte is white space or not ASCII.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> TrimSpace(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || (IsAsciiNonSpace(s[0]) && IsAsciiNonSpace(s[^1]))) return s;
        return TrimSpaceLoops(s);
    }

    private static bool IsAsciiNonSpace(byte b) => b < 0x80 && !IsAsciiSpace(b);

    private static ReadOnlySpan<byte> TrimSpaceLoops(ReadOnlySpan<byte> s)
    {
        var start = 0;
        while (start < s.Length)
        {
            var b = s[start];
            if (b < 0x80)
            {
                if (!IsAsciiSpace(b)) break;
                start++;
                continue;
            }
            var rune = DecodeRune(s[start..], out var size);
            if (!IsSpace(rune)) break;
            start += size;
        }
        var stop = s.Length;
        while (stop > start)
        {
            var b = s[stop - 1];
            if (b < 0x80)
            {
                if (!IsAsciiSpace(b)) break;
                stop--;
                continue;
            }
            var rune = DecodeLastRune(s[start..stop], out var size);
            if (!IsSpace(rune)) break;
            stop -= size;
        }
        return s[start..stop];
    }

    /// <summary>
    /// Turns bytes into a string as Go's JSON encoder sees them: every byte that is not part of
    /// valid UTF-8 becomes one U+FFFD. fleet stores option values as JSON strings, so this is the
    /// text fleet's server ends up holding (and hashing) for such bytes.
    /// </summary>
    [SkipLocalsInit]
    public static string ToText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return "";
        if (Ascii.IsValid(bytes))
        {
            // Nearly all unit-file text is ASCII: one vectorized check, then the string is
            // widened in place, with no intermediate buffer to copy from.
            return string.Create(bytes.Length, bytes, static (chars, ascii) => Ascii.ToUtf16(ascii, chars, out _));
        }
        if (bytes.Length <= StackChars)
        {
            // Names and values are short: converting into a stack buffer checks and converts in
            // one pass, where IsValid then GetString took three (check, count, convert). Valid
            // UTF-8 never needs more UTF-16 units than it has bytes. Only the written part is read.
            Span<char> chars = stackalloc char[StackChars];
            if (Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
            {
                return new string(chars[..written]);
            }
        }
        else if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }
        var builder = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var rune = DecodeRune(bytes, out var size);
            builder.Append(new Rune(rune).ToString());
            bytes = bytes[size..];
        }
        return builder.ToString();
    }
}
