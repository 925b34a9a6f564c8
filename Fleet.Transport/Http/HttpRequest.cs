namespace Fleet.Transport.Http;

/// <summary>One request: method, escaped target (path and query), Host header value, and an optional JSON body.</summary>
/// <remarks>
/// The body is an array, not a nullable ReadOnlyMemory: a null array converts silently to an
/// empty but present memory, which would send "Content-Length: 0" where no body was meant.
/// </remarks>
internal sealed record HttpRequest(string Method, string Target, string Host, byte[]? JsonBody = null)
{
    /// <summary>Whether retrying the request after a failure before any response byte is safe.</summary>
    public bool IsIdempotent => Method is "GET" or "HEAD" or "PUT" or "DELETE" or "OPTIONS";
}
