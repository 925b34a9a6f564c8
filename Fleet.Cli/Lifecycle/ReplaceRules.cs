using Fleet.Core;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// fleetctl's <c>checkReplaceUnitState</c>: which desired states a unit may be in for
/// <c>--replace</c> to replace it. The rules are chosen as fleetctl's <c>main</c> chooses its
/// <c>currentCommand</c>: by the last argument of the whole command line that is exactly
/// <c>start</c>, <c>load</c> or <c>submit</c> (usually the command itself).
/// </summary>
/// <param name="Command">The command whose rules apply.</param>
/// <param name="Allowed">The desired states a replaced unit may have.</param>
internal sealed record ReplaceRules(string Command, IReadOnlySet<DesiredState> Allowed)
{
    private static readonly Dictionary<string, IReadOnlySet<DesiredState>> ByCommand = new(StringComparer.Ordinal)
    {
        ["submit"] = new System.Collections.Generic.HashSet<DesiredState> { DesiredState.Inactive },
        ["load"] = new System.Collections.Generic.HashSet<DesiredState> { DesiredState.Inactive, DesiredState.Loaded },
        ["start"] = new System.Collections.Generic.HashSet<DesiredState> { DesiredState.Inactive, DesiredState.Loaded, DesiredState.Launched },
    };

    /// <summary>The rules the command line's words select, or null when none of them names a command that replaces.</summary>
    /// <param name="words">Every word of the command line.</param>
    /// <returns>The rules, or null.</returns>
    public static ReplaceRules? For(IEnumerable<string> words)
    {
        var command = words.LastOrDefault(ByCommand.ContainsKey);
        return command is null ? null : new ReplaceRules(command, ByCommand[command]);
    }

    /// <summary>fleetctl's warning when <paramref name="unit"/> may not be replaced, or null when it may.</summary>
    /// <param name="unit">The unit in the registry.</param>
    /// <returns>The warning to print, or null.</returns>
    public string? Refusal(FleetUnit unit) =>
        unit.DesiredState is { } state && Allowed.Contains(state)
            ? null
            : $"Warning: can not replace Unit({unit.Name}) in state '{unit.DesiredState?.ToFleetString()}', use the appropriate command";
}
