using Microsoft.Extensions.Logging;

namespace Fleet.Transport.Registry;

/// <summary>What the registry driver passes over while listing, in the words fleet logs it with.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Failed to parse Unit from etcd: {Error}")]
    public static partial void UnitSkipped(ILogger logger, string error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Error unmarshalling UnitState({Name}) from Machine({MachineId}): {Error}")]
    public static partial void StateSkipped(ILogger logger, string name, string machineId, string error);
}
