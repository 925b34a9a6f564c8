using Fleet.Core;

namespace Fleet.Conformance.Tests;

/// <summary>The units the tests submit: a service that sleeps, harmless on any machine, with whatever [X-Fleet] rules a test adds.</summary>
internal static class Sleepers
{
    public static readonly UnitOption[] Plain =
    [
        new("Unit", "Description", "fleet-dotnet conformance test"),
        new("Service", "ExecStart", "/bin/sleep 1d"),
    ];

    public static UnitOption[] With(params UnitOption[] rules) => [.. Plain, .. rules];

    public static UnitOption Fleet(string name, string value) => new("X-Fleet", name, value);
}
