using System.Globalization;
using System.Text.Json;
using Fleet.Core;
using Fleet.Transport.Http;

namespace Fleet.Transport.Etcd;

/// <summary>
/// Reads one member's answer as Go's etcd client reads it: 200 and 201 carry etcd's JSON and the
/// <c>X-Etcd-Index</c> header, 3xx is a redirect, 5xx sends the request to the next member, and
/// anything else is etcd's error JSON. An answer that is not etcd's is a Decoding error that
/// shows what arrived; nothing here throws.
/// </summary>
internal static class EtcdAnswers
{
    private const int ExcerptLength = 80;

    public static EtcdOutcome Read(HttpResponse response, string member)
    {
        var status = response.StatusCode;
        if (status is >= 300 and < 400)
        {
            return string.IsNullOrEmpty(response.Location)
                ? EtcdOutcome.Next(new APIError(ErrorKind.Protocol, $"client: etcd member {member} answered {status} without a Location header") { Code = status, Received = ReceivedBytes.Show(response.Body) })
                : EtcdOutcome.Redirect(response.Location);
        }
        if (status >= 500)
        {
            // Go's words: 500 and 503 are what a member without a leader answers.
            var message = status is 500 or 503
                ? $"client: etcd member {member} has no leader"
                : $"client: etcd member {member} returns server error [{ServerErrorText(status)}]";
            return EtcdOutcome.Next(APIError.Http(status, message) with { Received = ReceivedBytes.Show(response.Body) }, untouched: true);
        }
        return status is 200 or 201 ? Success(response, member) : Failure(response, member);
    }

    private static EtcdOutcome Success(HttpResponse response, string member)
    {
        if (response.Body.IsEmpty) return NotEtcd(response, member, "with an empty body");
        EtcdAnswerBody? answer;
        try
        {
            var reader = new Utf8JsonReader(response.Body);
            answer = JsonSerializer.Deserialize(ref reader, EtcdJsonContext.Default.EtcdAnswerBody);
        }
        catch (JsonException)
        {
            return NotEtcd(response, member, "with something other than etcd's JSON");
        }
        if (answer?.Action is not { } action || answer.Node is not { } node)
        {
            return NotEtcd(response, member, "with JSON that is not etcd's answer (no action or node)");
        }
        long index = 0;
        if (response.EtcdIndex is { } header && !long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return EtcdOutcome.Failed(new APIError(ErrorKind.Decoding, $"etcd member {member} answered with an X-Etcd-Index that is not a number: {Core.Text.GoQuoting.Quote(header)}") { Code = response.StatusCode });
        }
        return EtcdOutcome.Answered(new EtcdResponse(action, node, answer.PrevNode, index));
    }

    private static EtcdOutcome Failure(HttpResponse response, string member)
    {
        EtcdErrorBody? error = null;
        try
        {
            var reader = new Utf8JsonReader(response.Body);
            error = JsonSerializer.Deserialize(ref reader, EtcdJsonContext.Default.EtcdErrorBody);
        }
        catch (JsonException)
        {
        }
        if (error?.ErrorCode is not { } code) return NotEtcd(response, member, "without etcd's error JSON");
        // Go's client words its errors "100: Key not found (/x) [7]".
        var message = $"{code}: {error.Message} ({error.Cause}) [{error.Index}]";
        return EtcdOutcome.Failed(APIError.Http(response.StatusCode, message) with { EtcdCode = code, Received = ReceivedBytes.Show(response.Body) });
    }

    private static EtcdOutcome NotEtcd(HttpResponse response, string member, string what)
    {
        var received = ReceivedBytes.Show(response.Body);
        var excerpt = received is null ? "" : $": {(received.Length > ExcerptLength ? received[..ExcerptLength] + "..." : received)}";
        var type = response.ContentType is null ? "" : $" ({response.ContentType})";
        return EtcdOutcome.Failed(new APIError(ErrorKind.Decoding, $"etcd member {member} answered {response.StatusCode}{type} {what}{excerpt}")
        {
            Code = response.StatusCode,
            Received = received,
        });
    }

    private static string ServerErrorText(int status) => status switch
    {
        501 => "Not Implemented",
        502 => "Bad Gateway",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "",
    };
}
