using System.Buffers;

namespace Fleet.Transport.Http;

/// <summary>
/// A complete response as the client keeps it. The body is a view of the connection's buffer:
/// it is valid only while the response handler runs, which lets JSON be decoded in place.
/// Location (a redirect's target) and etcd's X-Etcd-Index are the headers as sent, null when absent.
/// </summary>
internal readonly record struct HttpResponse(int StatusCode, string? ContentType, ReadOnlySequence<byte> Body, string? Location = null, string? EtcdIndex = null);
