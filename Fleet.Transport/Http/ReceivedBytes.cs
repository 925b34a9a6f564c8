using System.Buffers;
using System.Globalization;
using System.Text;

namespace Fleet.Transport.Http;

/// <summary>Renders the start of what a peer sent, for error messages: printable ASCII kept, the rest escaped.</summary>
internal static class ReceivedBytes
{
    public const int MaxShown = 512;

    public static string? Show(in ReadOnlySequence<byte> received)
    {
        if (received.IsEmpty) return null;
        var builder = new StringBuilder();
        var shown = 0;
        foreach (var segment in received)
        {
            foreach (var b in segment.Span)
            {
                if (shown++ == MaxShown) return builder.Append(CultureInfo.InvariantCulture, $"... ({received.Length} bytes)").ToString();
                _ = b switch
                {
                    (byte)'\r' => builder.Append("\\r"),
                    (byte)'\n' => builder.Append("\\n"),
                    (byte)'\t' => builder.Append("\\t"),
                    (byte)'\\' => builder.Append("\\\\"),
                    >= 0x20 and < 0x7F => builder.Append((char)b),
                    _ => builder.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}"),
                };
            }
        }
        return builder.ToString();
    }
}
