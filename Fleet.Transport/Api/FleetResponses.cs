using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fleet.Core;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet;

/// <summary>What fleet's answers mean: a decoded entity, a done, or an <see cref="APIError"/> in fleet's words.</summary>
internal static class FleetResponses
{
    /// <summary>A 200 with a JSON entity, decoded straight from the connection's buffer.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="type">The entity's generated JSON contract.</param>
    /// <param name="target">The GET's target, named only if the body is not fleet's JSON.</param>
    public static Either<APIError, T> Entity<T>(HttpResponse response, JsonTypeInfo<T> type, string target)
    {
        if (response.StatusCode != 200) return ErrorOf(response);
        return Decode(response.Body, type, target);
    }

    /// <summary>The success code, with nothing to read.</summary>
    public static Either<APIError, Unit> Done(HttpResponse response, int success) =>
        response.StatusCode == success ? Unit.Default : ErrorOf(response);

    /// <summary>
    /// A PUT of a unit with its options: fleet answers 201 when it stores the content, and 204
    /// when it already held exactly this content and only took the desired state, as it does
    /// when the same create arrives twice (the pool sends a PUT again after a connection dropped
    /// before its answer).
    /// </summary>
    public static Either<APIError, Unit> UnitStored(HttpResponse response) =>
        response.StatusCode is 201 or 204 ? Unit.Default : ErrorOf(response);

    public static Either<APIError, T> Decode<T>(in ReadOnlySequence<byte> body, JsonTypeInfo<T> type, string target)
    {
        if (body.IsSingleSegment) return Decode(body.FirstSpan, body, type, target);
        // A page spans many of the pipe's segments, and the reader is much slower across
        // segments than over one span: one pooled copy costs less than it saves.
        var length = checked((int)body.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return Decode(copy.AsSpan(0, length), body, type, target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static Either<APIError, T> Decode<T>(ReadOnlySpan<byte> json, in ReadOnlySequence<byte> body, JsonTypeInfo<T> type, string target)
    {
        try
        {
            if (JsonSerializer.Deserialize(json, type) is not { } value) return NotJson(body, target, "null");
            return MissingValues.Find(value) is { } missing ? NotJson(body, target, missing) : value;
        }
        catch (JsonException e)
        {
            return NotJson(body, target, e.Message);
        }
        catch (ArgumentException e)
        {
            // The entities refuse a missing name (or id, section...) as they are built.
            return NotJson(body, target, $"{FirstLower(e.ParamName ?? "a field")} is missing or null");
        }
    }

    /// <summary>
    /// The error of a non-success answer: fleet's own code and message when the body is fleet's
    /// error entity, else the status with what was received.
    /// </summary>
    public static APIError ErrorOf(HttpResponse response)
    {
        var status = response.StatusCode;
        ErrorEntity? entity = null;
        try
        {
            var reader = new Utf8JsonReader(response.Body);
            entity = JsonSerializer.Deserialize(ref reader, FleetJsonContext.Default.ErrorEntity);
        }
        catch (JsonException)
        {
        }
        if (entity?.Error is { } error)
        {
            var message = string.IsNullOrEmpty(error.Message) ? WithoutMessage(status) : error.Message;
            // The body as fleet sent it, for a caller who logs or shows the raw exchange.
            return APIError.Http(status, message) with { Received = ReceivedBytes.Show(response.Body) };
        }
        return APIError.Http(status, $"the server answered {status} without fleet's error entity") with { Received = ReceivedBytes.Show(response.Body) };
    }

    // fleet v1.0.0 leaves the message out of its 500s; say what causes them.
    private static string WithoutMessage(int status) => status == 500
        ? "fleet answered 500 without a message: its registry failed (etcd failing, or a unit stored with a desired state fleet cannot parse)"
        : $"fleet answered {status} without a message";

    private static string FirstLower(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static APIError NotJson(in ReadOnlySequence<byte> body, string target, string reason) =>
        new(ErrorKind.Decoding, $"the answer to GET {target} is not the JSON fleet sends: {reason}") { Received = ReceivedBytes.Show(body) };
}
