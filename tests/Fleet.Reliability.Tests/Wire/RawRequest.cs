using System.Text;

namespace Fleet.Reliability.Tests.Wire;

/// <summary>One request as its bytes arrived at a <see cref="RawServer"/>.</summary>
/// <param name="Connection">The number of the connection it came on, from 1 in accepting order.</param>
/// <param name="Head">The request line and headers, with their final empty line, byte for byte.</param>
/// <param name="Body">The body, as long as its Content-Length said; empty when the server left it unread.</param>
internal sealed record RawRequest(int Connection, byte[] Head, byte[] Body)
{
    /// <summary>The head as Latin-1 text, each byte one character, so nothing is hidden by decoding.</summary>
    public string HeadText => Encoding.Latin1.GetString(Head);

    /// <summary>The request line, without its CRLF.</summary>
    public string RequestLine => HeadText[..HeadText.IndexOf("\r\n", StringComparison.Ordinal)];

    /// <summary>The method: the request line's first word.</summary>
    public string Method => RequestLine.Split(' ')[0];

    /// <summary>The target: the request line's second word.</summary>
    public string Target => RequestLine.Split(' ').Length > 1 ? RequestLine.Split(' ')[1] : "";

    /// <summary>The header lines between the request line and the empty line, as sent.</summary>
    public IReadOnlyList<string> HeaderLines => HeadText.Split("\r\n")[1..^2];

    /// <summary>The value of the Content-Length header, 0 without one.</summary>
    public int ContentLength =>
        HeaderLines.Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
