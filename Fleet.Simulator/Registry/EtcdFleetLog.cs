using Microsoft.Extensions.Logging;

namespace Fleet.Simulator.Registry;

/// <summary>What an <see cref="EtcdFleet"/> logs: a pass that failed, once per new failure, and the pass that recovered.</summary>
internal static partial class EtcdFleetLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "The engine and agents could not finish a pass over etcd: {Error}")]
    public static partial void PassFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "The engine and agents reach etcd again")]
    public static partial void PassRecovered(ILogger logger);
}
