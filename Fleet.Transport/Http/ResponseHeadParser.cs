using System.Buffers;
using System.Buffers.Text;

namespace Fleet.Transport.Http;

/// <summary>
/// Parses a response's status line and headers from buffered bytes. It keeps only what framing,
/// fleet and etcd use (status, Content-Length, chunked, keep-alive, Content-Type, and a redirect's
/// Location and etcd's X-Etcd-Index, which fleet never sends); every other header is checked and
/// dropped without allocating. The header limit is enforced by slicing.
/// </summary>
internal static class ResponseHeadParser
{
    private const string ApplicationJson = "application/json";

    public static ParseStatus TryParse(in ReadOnlySequence<byte> buffer, HttpLimits limits, Span<byte> scratch, out ResponseHead head, out HttpRejection rejection)
    {
        head = default;
        var window = buffer.Length > limits.MaxHeaderBytes ? buffer.Slice(0, limits.MaxHeaderBytes) : buffer;
        var reader = new SequenceReader<byte>(window);
        var lines = new LineReader(scratch);

        var status = lines.TryRead(ref reader, limits.MaxLineBytes, out var line, out rejection);
        if (status != ParseStatus.Complete) return Unfinished(status, buffer, limits, ref rejection);
        if (!TryParseStatusLine(line, out var version, out var code, out rejection)) return ParseStatus.Invalid;

        long? contentLength = null;
        bool chunked = false, transferEncoding = false, close = false, keepAlive = false;
        string? contentType = null, location = null, etcdIndex = null;
        var count = 0;
        while (true)
        {
            status = lines.TryRead(ref reader, limits.MaxLineBytes, out line, out rejection);
            if (status != ParseStatus.Complete) return Unfinished(status, buffer, limits, ref rejection);
            if (line.IsEmpty) break;
            if (++count > limits.MaxHeaderCount) return Fail(HttpRejection.TooManyHeaders, out rejection);
            if (line[0] is (byte)' ' or (byte)'\t') return Fail(HttpRejection.ObsoleteLineFolding, out rejection);
            if (!TrySplitHeader(line, out var name, out var value)) return Fail(HttpRejection.BadHeaderLine, out rejection);

            if (Is(name, "content-length"u8))
            {
                if (!TryParseContentLength(value, out var length)) return Fail(HttpRejection.BadContentLength, out rejection);
                if (contentLength is { } previous && previous != length) return Fail(HttpRejection.ConflictingContentLengths, out rejection);
                contentLength = length;
            }
            else if (Is(name, "transfer-encoding"u8))
            {
                transferEncoding = true;
                foreach (var coding in new TokenList(value))
                {
                    // Only chunked, once: the client asks for no other coding.
                    if (!Is(coding, "chunked"u8) || chunked) return Fail(HttpRejection.UnsupportedTransferEncoding, out rejection);
                    chunked = true;
                }
            }
            else if (Is(name, "connection"u8))
            {
                foreach (var option in new TokenList(value))
                {
                    close |= Is(option, "close"u8);
                    keepAlive |= Is(option, "keep-alive"u8);
                }
            }
            else if (Is(name, "content-type"u8))
            {
                contentType = value.SequenceEqual("application/json"u8) ? ApplicationJson : System.Text.Encoding.Latin1.GetString(value);
            }
            else if (Is(name, "location"u8))
            {
                location = System.Text.Encoding.Latin1.GetString(value);
            }
            else if (Is(name, "x-etcd-index"u8))
            {
                etcdIndex = System.Text.Encoding.Latin1.GetString(value);
            }
        }

        if (contentLength is not null && transferEncoding) return Fail(HttpRejection.ContentLengthWithTransferEncoding, out rejection);
        if (transferEncoding && !chunked) return Fail(HttpRejection.UnsupportedTransferEncoding, out rejection);
        if (code == 101) return Fail(HttpRejection.SwitchingProtocols, out rejection);
        var persistent = version == 11 ? !close : keepAlive && !close;
        head = new ResponseHead(version, code, contentLength, chunked, persistent, contentType, count, (int)reader.Consumed, location, etcdIndex);
        return ParseStatus.Complete;
    }

    private static ParseStatus Unfinished(ParseStatus status, in ReadOnlySequence<byte> buffer, HttpLimits limits, ref HttpRejection rejection)
    {
        if (status == ParseStatus.Invalid) return status;
        // The head did not end within the limit's worth of bytes.
        if (buffer.Length >= limits.MaxHeaderBytes) return Fail(HttpRejection.HeadTooLarge, out rejection);
        return ParseStatus.Incomplete;
    }

    private static ParseStatus Fail(HttpRejection reason, out HttpRejection rejection)
    {
        rejection = reason;
        return ParseStatus.Invalid;
    }

    // HTTP-version SP 3DIGIT [SP reason-phrase]; the reason is checked, not kept.
    private static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int version, out int code, out HttpRejection rejection)
    {
        version = code = 0;
        rejection = HttpRejection.BadStatusLine;
        var space = line.IndexOf((byte)' ');
        if (!line.StartsWith("HTTP/"u8) || space < 0) return false;
        var number = line[5..space];
        if (number.SequenceEqual("1.1"u8)) version = 11;
        else if (number.SequenceEqual("1.0"u8)) version = 10;
        else
        {
            if (number.Length == 3 && char.IsAsciiDigit((char)number[0]) && number[1] == '.' && char.IsAsciiDigit((char)number[2]))
            {
                rejection = HttpRejection.UnsupportedVersion;
            }
            return false;
        }
        var rest = line[(space + 1)..];
        if (rest.Length < 3 || (rest.Length > 3 && rest[3] != ' ')) return false;
        foreach (var digit in rest[..3])
        {
            if (!char.IsAsciiDigit((char)digit)) return false;
        }
        code = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
        if (code < 100) return false;
        foreach (var b in rest[3..])
        {
            if (b < 0x20 && b != '\t' || b == 0x7F) return false;
        }
        rejection = HttpRejection.None;
        return true;
    }

    // field-name ":" OWS field-value OWS; the name is a token, with nothing between it and the colon.
    private static bool TrySplitHeader(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var colon = line.IndexOf((byte)':');
        name = colon > 0 ? line[..colon] : default;
        if (colon <= 0) return false;
        foreach (var b in name)
        {
            if (!IsTokenChar(b)) return false;
        }
        value = line[(colon + 1)..].Trim(" \t"u8);
        foreach (var b in value)
        {
            if (b < 0x20 && b != '\t' || b == 0x7F) return false;
        }
        return true;
    }

    private static bool TryParseContentLength(ReadOnlySpan<byte> value, out long length)
    {
        // A list of identical values ("5, 5") is allowed; anything else is not.
        length = -1;
        foreach (var element in new TokenList(value))
        {
            if (element.IsEmpty || element.Length > 18) return false;
            foreach (var b in element)
            {
                if (!char.IsAsciiDigit((char)b)) return false;
            }
            if (!Utf8Parser.TryParse(element, out long parsed, out var used) || used != element.Length) return false;
            if (length >= 0 && parsed != length) return false;
            length = parsed;
        }
        return length >= 0;
    }

    private static bool Is(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> lowerCaseExpected) =>
        System.Text.Ascii.EqualsIgnoreCase(actual, lowerCaseExpected);

    private static bool IsTokenChar(byte b) =>
        b is > 0x20 and < 0x7F && "\"(),/:;<=>?@[\\]{}"u8.IndexOf(b) < 0;
}
