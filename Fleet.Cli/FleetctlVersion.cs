namespace Fleet.Cli;

/// <summary>The fleetctl release whose commands, flags and output this command line reproduces.</summary>
internal static class FleetctlVersion
{
    /// <summary>The version fleetctl prints, so scripts that check it see what they expect.</summary>
    public const string Version = "v1.0.0";
}
