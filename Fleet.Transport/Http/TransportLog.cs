using Microsoft.Extensions.Logging;

namespace Fleet.Transport.Http;

/// <summary>The transport's log lines. Bodies only at Trace: unit files can hold secrets in Environment= lines.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Target} -> {Status} in {ElapsedMs:0.0} ms on connection {ConnectionId} ({Reuse})")]
    public static partial void Exchange(ILogger logger, string method, string target, int status, double elapsedMs, long connectionId, string reuse);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Method} {Target} failed after {ElapsedMs:0.0} ms on connection {ConnectionId} ({Reuse}): {Error}")]
    public static partial void Failed(ILogger logger, string method, string target, double elapsedMs, long connectionId, string reuse, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Method} {Target}: retrying once on a new connection after {Error}")]
    public static partial void Retrying(ILogger logger, string method, string target, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "request body of {Method} {Target}: {Body}")]
    public static partial void RequestBody(ILogger logger, string method, string target, string body);

    [LoggerMessage(EventId = 5, Level = LogLevel.Trace, Message = "response body of {Method} {Target}: {Body}")]
    public static partial void ResponseBody(ILogger logger, string method, string target, string body);
}
