using System.Reflection;

namespace Fleet.Cli;

/// <summary>The fleetctl release whose commands, flags and output this command line reproduces, and this tool's own version.</summary>
internal static class FleetctlVersion
{
    /// <summary>The version fleetctl prints, so scripts that check it see what they expect.</summary>
    public const string Version = "v1.0.0";

    /// <summary>
    /// fleetctl-net's own version, from git (the informational version: <c>0.1.0-alpha.0.140+COMMIT</c>).
    /// <c>version</c> keeps printing fleetctl's; <c>help demo</c> says this one.
    /// </summary>
    public static string Tool { get; } =
        typeof(FleetctlVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
