namespace Fleet.Transport.Http;

/// <summary>Why a response was refused: one reason per rejection, each with its message.</summary>
internal enum HttpRejection
{
    None,
    HeadTooLarge,
    LineTooLong,
    TooManyHeaders,
    BadStatusLine,
    UnsupportedVersion,
    BareCarriageReturn,
    BadHeaderLine,
    ObsoleteLineFolding,
    BadContentLength,
    ConflictingContentLengths,
    ContentLengthWithTransferEncoding,
    UnsupportedTransferEncoding,
    SwitchingProtocols,
    BodyTooLarge,
    BadChunkSize,
    ChunkSizeTooLarge,
    BadChunkTerminator,
    EndedEarly,
}

internal static class HttpRejections
{
    public static string Describe(this HttpRejection rejection) => rejection switch
    {
        HttpRejection.HeadTooLarge => "the response's status line and headers exceed the header size limit",
        HttpRejection.LineTooLong => "a line of the response exceeds the line length limit",
        HttpRejection.TooManyHeaders => "the response has more header lines than the limit allows",
        HttpRejection.BadStatusLine => "the response does not start with a valid status line (HTTP/1.x NNN reason)",
        HttpRejection.UnsupportedVersion => "the response is not HTTP/1.0 or HTTP/1.1",
        HttpRejection.BareCarriageReturn => "the response has a carriage return that does not end a line",
        HttpRejection.BadHeaderLine => "the response has a malformed header line (a header is Name: value, with no space before the colon)",
        HttpRejection.ObsoleteLineFolding => "the response folds a header over several lines, which HTTP/1.1 no longer allows",
        HttpRejection.BadContentLength => "the response's Content-Length is not a non-negative decimal number",
        HttpRejection.ConflictingContentLengths => "the response has several different Content-Length values",
        HttpRejection.ContentLengthWithTransferEncoding => "the response has both Content-Length and Transfer-Encoding (a request-smuggling pattern)",
        HttpRejection.UnsupportedTransferEncoding => "the response uses a transfer coding other than chunked",
        HttpRejection.SwitchingProtocols => "the server switched protocols, which the client never asks for",
        HttpRejection.BodyTooLarge => "the response body exceeds the body size limit",
        HttpRejection.BadChunkSize => "a chunk size of the response is not a hexadecimal number",
        HttpRejection.ChunkSizeTooLarge => "a chunk size of the response is too large",
        HttpRejection.BadChunkTerminator => "a chunk of the response is not followed by CRLF",
        HttpRejection.EndedEarly => "the connection closed before the response was complete",
        _ => rejection.ToString(),
    };
}
