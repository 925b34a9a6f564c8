using BenchmarkDotNet.Attributes;
using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;

namespace Fleet.Benchmarks;

/// <summary>
/// N launched units created one after another in a simulated cluster of 1,000 machines whose
/// engine and agents act on every change (what <c>serve</c> does), as fleet's usual
/// <c>Conflicts=u*.service</c> units (from the 1,001st on, no machine takes one) beside the same
/// number of units that ask nothing of the scheduler (the baseline). One operation is all N
/// creates, from an empty cluster; divide by N for a change. A cost per change that stays flat
/// as N grows is the point: before the engine played its passes on what changed, the conflicting
/// units ran full passes over the cluster on every change.
/// </summary>
[MemoryDiagnoser]
public class ClusterCreateBenchmarks
{
    private static readonly IReadOnlyList<SimulatedMachine> Machines = ReferenceCluster.Take(1000);

    private static readonly UnitFile Plain = File();
    private static readonly UnitFile Conflicting = File(new UnitOption("X-Fleet", "Conflicts", "u*.service"));

    private string[] names = [];

    [Params(500, 1000, 2000, 4000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup() => names = [.. Enumerable.Range(0, Units).Select(i => $"u{i:D5}.service")];

    [Benchmark(Baseline = true, Description = "plain units (baseline)")]
    public int CreatePlain() => Create(Plain);

    [Benchmark(Description = "Conflicts=u*.service")]
    public int CreateConflicting() => Create(Conflicting);

    private int Create(UnitFile file)
    {
        using var cluster = new SimulatedCluster(Machines, TimeSpan.Zero);
        foreach (var name in names) cluster.Put(name, file, "launched");
        return cluster.Report.States.Count;
    }

    private static UnitFile File(params UnitOption[] options) =>
        UnitFile.FromOptions([new UnitOption("Service", "ExecStart", "/usr/bin/sleep infinity"), .. options]);
}
