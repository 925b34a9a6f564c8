namespace Fleet.Cli.Progress;

/// <summary>One unit on a <see cref="IProgressBoard"/>.</summary>
/// <param name="Unit">The unit's name.</param>
/// <param name="Target">The state awaited.</param>
/// <param name="State">The state last seen, or null before the first look.</param>
/// <param name="Machine">The machine last seen, as fleetctl names it, or null.</param>
internal sealed record ProgressRow(string Unit, string Target, string? State, string? Machine);
