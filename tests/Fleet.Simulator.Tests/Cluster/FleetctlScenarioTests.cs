using Fleet.Simulator.Cluster;
using Fleet.Tests.Shared;
using Fleet.UnitFiles;
using static Fleet.Simulator.Tests.Cluster.ClusterFixtures;

namespace Fleet.Simulator.Tests.Cluster;

/// <summary>
/// The fleetctl capture's scenario (tests/fleet-reference/fleetctl) played as registry changes, with
/// the cluster acting after each command: where units land and what state they report must read as
/// the captured list-units and list-unit-files tables.
/// </summary>
public class FleetctlScenarioTests
{
    private static readonly string Folder = ReferenceData.Folder("fleetctl", "FLEET_FLEETCTL");

    [Fact]
    public void Units_land_and_report_as_the_captured_tables_show()
    {
        var scenario = new Scenario(EngineRules.Reference);
        scenario.Run(Steps.Started);
        Assert.Equal(Table("024-list-units.txt"), scenario.ListUnits());
        Assert.Equal(Table("032-list-unit-files.txt"), scenario.ListUnitFiles());
        scenario.Run(Steps.StoppedAndUnloaded);
        Assert.Equal(Table("051-list-units-after.txt"), scenario.ListUnits());
        Assert.Equal(Table("052-list-unit-files-after.txt"), scenario.ListUnitFiles());
        scenario.Run(Steps.ReplacedAndDestroyed);
        Assert.Equal(Table("066-list-units-final.txt"), scenario.ListUnits());
    }

    [Fact]
    public void Fleets_own_reconciler_would_unschedule_pong_once_its_peer_is_unloaded()
    {
        var scenario = new Scenario(EngineRules.Fleet);
        scenario.Run(Steps.Started);
        Assert.Equal(Table("024-list-units.txt"), scenario.ListUnits());
        scenario.Run(Steps.StoppedAndUnloaded);
        var expected = Table("051-list-units-after.txt").Where(row => !row.StartsWith("pong.service", StringComparison.Ordinal));
        Assert.Equal(expected, scenario.ListUnits());
    }

    private enum Steps
    {
        Started,
        StoppedAndUnloaded,
        ReplacedAndDestroyed,
    }

    private static List<string> Table(string file)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(Folder, file));
        var stdout = text[(text.IndexOf("--- stdout ---\n", StringComparison.Ordinal) + 15)..text.IndexOf("--- stderr ---", StringComparison.Ordinal)];
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => string.Join(' ', line.Split('\t', StringSplitOptions.RemoveEmptyEntries)))];
    }

    private sealed class Scenario(EngineRules rules)
    {
        private IReadOnlyList<StoredUnit> units = [];
        private AgentReport report = AgentReport.Empty;

        public void Run(Steps steps)
        {
            switch (steps)
            {
                case Steps.Started:
                    foreach (var name in new[] { "hello", "ping", "pong", "web@", "monitor", "db" }) Submit($"{name}.service", Load($"{name}.service"));
                    Target("ping.service", "loaded");
                    Target("db.service", "loaded");
                    Target("hello.service", "launched");
                    Target("pong.service", "launched");
                    // fleetctl creates both instances from the template, then starts them together.
                    Submit("web@1.service", Load("web@.service"));
                    Submit("web@2.service", Load("web@.service"));
                    Target(["web@1.service", "web@2.service"], "launched");
                    Target("monitor.service", "launched");
                    Target("ping.service", "launched");
                    break;
                case Steps.StoppedAndUnloaded:
                    Target("hello.service", "loaded");
                    Target("pong.service", "loaded");
                    Target("monitor.service", "loaded");
                    Target("ping.service", "inactive");
                    Target("db.service", "inactive");
                    break;
                case Steps.ReplacedAndDestroyed:
                    // load --replace: a different file for hello is submitted (inactive), then loaded.
                    var hello = units.Single(u => u.Name == "hello.service");
                    Set(hello with { File = hello.File.AddOption("Unit", "Documentation", "changed locally"), TargetState = "inactive" });
                    Target("hello.service", "loaded");
                    foreach (var name in new[] { "pong.service", "web@1.service", "web@2.service" }) Change([.. units.Where(u => u.Name != name)]);
                    Submit("nowhere.service", Load("nowhere.service"));
                    Target("nowhere.service", "launched");
                    break;
            }
        }

        public List<string> ListUnits() =>
            [.. report.States.Select(s => $"{s.Name} {Machine(s.MachineId!)} {s.SystemdActiveState} {s.SystemdSubState}")];

        public List<string> ListUnitFiles() =>
            [.. units.Select(u =>
            {
                var global = u.File.Requirements(u.Name).Global;
                var state = global ? "-" : Agent.ListedCurrentState(u, report);
                var target = global ? "global" : u.TargetMachineId is { } id ? Machine(id) : "-";
                return $"{u.Name} {u.File.Hash[..7]} {u.TargetState} {state} {target}";
            })];

        private static string Machine(string id) => $"{id[..8]}.../{Machines.Single(m => m.Id == id).PublicIp}";

        private static UnitFile Load(string file) =>
            UnitFile.Load(Path.Combine(Folder, "units", file)).Match(unit => unit, error => throw new InvalidOperationException(error.Message));

        private void Submit(string name, UnitFile file) => Set(new StoredUnit(name, file, "inactive"));

        private void Target(string name, string state) => Target([name], state);

        private void Target(string[] names, string state) =>
            Change([.. units.Select(u => names.Contains(u.Name) ? u with { TargetState = state } : u)]);

        private void Set(StoredUnit unit) =>
            Change([.. units.Where(u => u.Name != unit.Name).Append(unit).OrderBy(u => u.Name, StringComparer.Ordinal)]);

        // fleetctl blocks for a few of the cluster's 100 ms ticks between commands; two passes let
        // a unit placed after its peer in one pass land in the next.
        private void Change(IReadOnlyList<StoredUnit> changed)
        {
            units = changed;
            for (var tick = 0; tick < 2; tick++) (units, report) = Act(Machines, units, rules);
        }
    }
}
