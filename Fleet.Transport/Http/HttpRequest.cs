namespace Fleet.Transport.Http;

/// <summary>One request: method, escaped target (path and query), Host header value, and an optional JSON body.</summary>
internal sealed record HttpRequest(string Method, string Target, string Host, ReadOnlyMemory<byte>? JsonBody = null)
{
    /// <summary>Whether retrying the request after a failure before any response byte is safe.</summary>
    public bool IsIdempotent => Method is "GET" or "HEAD" or "PUT" or "DELETE" or "OPTIONS";
}
