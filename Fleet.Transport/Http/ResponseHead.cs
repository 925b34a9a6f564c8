namespace Fleet.Transport.Http;

/// <summary>
/// What the client keeps of a response's status line and headers: only what framing, fleet's
/// API and etcd's keys API use. Everything else is checked for well-formedness and dropped
/// without allocation. Location (a redirect's target) and etcd's X-Etcd-Index are the headers as
/// sent, null when absent: strings only for responses that carry them.
/// </summary>
internal readonly record struct ResponseHead(
    int Version,
    int StatusCode,
    long? ContentLength,
    bool Chunked,
    bool KeepAlive,
    string? ContentType,
    int HeaderCount,
    int Length,
    string? Location = null,
    string? EtcdIndex = null)
{
    /// <summary>HTTP/1.1 is 11, HTTP/1.0 is 10.</summary>
    public bool IsInformational => StatusCode is >= 100 and < 200;
}
