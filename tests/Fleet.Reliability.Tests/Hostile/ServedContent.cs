using System.Globalization;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>
/// What a value decoded from served bytes can have been read from: the bytes themselves, or a
/// body behind any empty line with its chunk framing taken off. A name the client reports must
/// be found in one of them, or it came from another request's answer.
/// </summary>
internal static class ServedContent
{
    public static bool Holds(byte[] served, ReadOnlySpan<byte> text)
    {
        if (served.AsSpan().IndexOf(text) >= 0) return true;
        for (var at = served.AsSpan().IndexOf("\n\r\n"u8); at >= 0; at = NextBlankLine(served, at + 1))
        {
            if (Dechunked(served, at + 3).AsSpan().IndexOf(text) >= 0) return true;
        }
        for (var at = served.AsSpan().IndexOf("\n\n"u8); at >= 0; at = NextBareBlankLine(served, at + 1))
        {
            if (Dechunked(served, at + 2).AsSpan().IndexOf(text) >= 0) return true;
        }
        return false;
    }

    private static int NextBlankLine(byte[] served, int from)
    {
        var found = served.AsSpan(from).IndexOf("\n\r\n"u8);
        return found < 0 ? -1 : from + found;
    }

    private static int NextBareBlankLine(byte[] served, int from)
    {
        var found = served.AsSpan(from).IndexOf("\n\n"u8);
        return found < 0 ? -1 : from + found;
    }

    // Chunks read leniently: a size in hex at the start of a line, anything after it ignored,
    // that many bytes, then up to two bytes of line ending.
    private static byte[] Dechunked(byte[] served, int start)
    {
        var body = new MemoryStream();
        var at = start;
        while (at < served.Length)
        {
            var end = Array.IndexOf(served, (byte)'\n', at);
            if (end < 0) break;
            var line = served.AsSpan(at, end - at);
            var digits = 0;
            while (digits < line.Length && digits < 15 && char.IsAsciiHexDigit((char)line[digits])) digits++;
            if (digits == 0) break;
            var size = long.Parse(line[..digits], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at = end + 1;
            if (size == 0) break;
            var take = (int)Math.Min(size, served.Length - at);
            body.Write(served, at, take);
            at += take;
            for (var i = 0; i < 2 && at < served.Length && served[at] is (byte)'\r' or (byte)'\n'; i++) at++;
        }
        return body.ToArray();
    }
}
