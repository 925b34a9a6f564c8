namespace Fleet.Cli.Commands;

/// <summary>How fleetctl turns a command's argument into a unit name.</summary>
internal static class UnitArguments
{
    private static readonly string[] RecognizedTypes = [".service", ".socket", ".timer", ".path", ".device", ".mount", ".automount"];

    /// <summary>
    /// fleetctl's <c>unitNameMangle</c>: the last element of the path (Go's <c>path.Base</c>) with
    /// <c>.service</c> appended unless it already ends in a unit type.
    /// </summary>
    /// <param name="argument">The argument, a name or a path to a unit file.</param>
    /// <returns>The unit name.</returns>
    public static string Mangle(string argument) => WithDefaultType(Lifecycle.GoPaths.Base(argument));

    /// <summary>
    /// fleetctl's <c>maybeAppendDefaultUnitType</c>: <c>.service</c> unless the name ends in one of
    /// the unit types fleet's <c>RecognizedUnitType</c> knows (service, socket, timer, path, device,
    /// mount, automount; fewer than fleet's name rules accept, so <c>foo.target</c> becomes
    /// <c>foo.target.service</c>, as in fleetctl).
    /// </summary>
    /// <param name="name">The name or path.</param>
    /// <returns>The name with a unit type.</returns>
    public static string WithDefaultType(string name) =>
        RecognizedTypes.Any(type => name.EndsWith(type, StringComparison.Ordinal)) ? name : name + ".service";
}
