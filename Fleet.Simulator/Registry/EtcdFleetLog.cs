using Microsoft.Extensions.Logging;

namespace Fleet.Simulator.Registry;

/// <summary>What an <see cref="EtcdFleet"/> logs: a pass that failed, once per new failure, the pass that recovered, a pass that threw, and the engine's leadership changes.</summary>
internal static partial class EtcdFleetLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "The engine and agents could not finish a pass over etcd: {Error}")]
    public static partial void PassFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "The engine and agents reach etcd again")]
    public static partial void PassRecovered(ILogger logger);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Engine leadership acquired by machine {MachineId}")]
    public static partial void LeadershipAcquired(ILogger logger, string machineId);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Engine leader is {MachineId}")]
    public static partial void LeaderIs(ILogger logger, string machineId);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Engine leadership of machine {MachineId} lost: its renewal failed")]
    public static partial void LeadershipLost(ILogger logger, string machineId);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "A pass of the engine and agents threw; the next pass runs at the next interval")]
    public static partial void PassThrew(ILogger logger, Exception exception);
}
