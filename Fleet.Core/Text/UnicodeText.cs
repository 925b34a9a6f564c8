using System.Buffers;
using System.Text;

namespace Fleet.Core.Text;

/// <summary>Whether text can travel to fleet as it is: UTF-8 on the wire has no form for half of a surrogate pair.</summary>
internal static class UnicodeText
{
    /// <summary>
    /// Whether every surrogate in <paramref name="text"/> is one of a pair. A lone one would be
    /// sent as U+FFFD, so fleet would get other text than the caller passed; such text is refused.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when the text has no lone surrogate.</returns>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var used) != OperationStatus.Done) return false;
            text = text[used..];
        }
        return true;
    }
}
