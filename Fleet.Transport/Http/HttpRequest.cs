namespace Fleet.Transport.Http;

/// <summary>
/// One request: method, escaped target (path and query), Host header value, and an optional body
/// with its media type.
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="Target">The escaped origin-form target.</param>
/// <param name="Host">The Host header's value.</param>
/// <param name="Body">The body, sent with Content-Length; null for none.</param>
/// <param name="ContentType">
/// The body's media type; <see cref="Json"/> when a body is given without one. Given without a
/// body, the header is sent alone, with no Content-Length (as Go's etcd client sends its DELETE).
/// </param>
/// <remarks>
/// The body is an array, not a nullable ReadOnlyMemory: a null array converts silently to an
/// empty but present memory, which would send "Content-Length: 0" where no body was meant.
/// </remarks>
internal sealed record HttpRequest(string Method, string Target, string Host, byte[]? Body = null, string? ContentType = null)
{
    /// <summary>fleet's media type, the default for a body.</summary>
    public const string Json = "application/json";

    /// <summary>The Content-Type header to send, or null for none.</summary>
    public string? SentContentType => ContentType ?? (Body is null ? null : Json);

    /// <summary>Whether retrying the request after a failure before any response byte is safe.</summary>
    public bool IsIdempotent => Method is "GET" or "HEAD" or "PUT" or "DELETE" or "OPTIONS";
}
