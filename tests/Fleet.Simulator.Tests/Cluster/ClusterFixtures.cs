using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;

namespace Fleet.Simulator.Tests.Cluster;

/// <summary>The reference cluster (tests/fleet-reference/README.md) and small builders for units.</summary>
internal static class ClusterFixtures
{
    public const string Web = "222f532fc7580e18ebfca1f8614c8086";
    public const string Db = "7d6b720dcb47f5ecaabc6955293ad1b6";
    public const string Bare = "9a805ebde048c3f6e34bd2c4b3f89a2c";

    public static IReadOnlyList<SimulatedMachine> Machines { get; } =
    [
        new(Web, "172.17.8.101", Metadata(("disk", "ssd"), ("region", "us-east"), ("role", "web"))),
        new(Db, "172.17.8.102", Metadata(("region", "us-west"), ("role", "db"))),
        new(Bare, "172.17.8.103", ValueMap.Empty),
    ];

    public static ValueMap Metadata(params (string Key, string Value)[] pairs) =>
        ValueMap.From(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public static UnitFile File(params (string Section, string Name, string Value)[] options) =>
        UnitFile.FromOptions([new UnitOption("Service", "ExecStart", "/usr/bin/sleep infinity"), .. options.Select(o => new UnitOption(o.Section, o.Name, o.Value))]);

    public static StoredUnit Stored(string name, string targetState, string? machine = null, params (string Name, string Value)[] xfleet) =>
        new(name, File([.. xfleet.Select(x => ("X-Fleet", x.Name, x.Value))]), targetState, machine);

    public static IReadOnlyList<StoredUnit> ByName(params StoredUnit[] units) =>
        [.. units.OrderBy(u => u.Name, StringComparer.Ordinal)];

    /// <summary>Engine then agent, as the server runs them when the cluster acts.</summary>
    public static (IReadOnlyList<StoredUnit> Units, AgentReport Report) Act(
        IReadOnlyList<SimulatedMachine> machines, IReadOnlyList<StoredUnit> units, EngineRules rules = EngineRules.Reference)
    {
        var reconciled = Engine.Reconcile(machines, units, rules);
        return (reconciled, Agent.Publish(machines, reconciled));
    }

    public static string? TargetOf(IReadOnlyList<StoredUnit> units, string name) => units.Single(u => u.Name == name).TargetMachineId;
}
