namespace Fleet.Transport.Http;

/// <summary>How a response's body ends: the one place that decides it.</summary>
internal enum BodyFraming
{
    None,
    ContentLength,
    Chunked,
    UntilClose,
}

internal static class BodyFramings
{
    // HEAD, 1xx, 204 and 304 have no body whatever the headers say; then chunked, then a length,
    // else the body runs until the server closes.
    public static BodyFraming Of(string method, in ResponseHead head) =>
        method == "HEAD" || head.IsInformational || head.StatusCode is 204 or 304 ? BodyFraming.None
        : head.Chunked ? BodyFraming.Chunked
        : head.ContentLength is not null ? BodyFraming.ContentLength
        : BodyFraming.UntilClose;
}
