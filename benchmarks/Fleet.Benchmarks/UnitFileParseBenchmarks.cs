using BenchmarkDotNet.Attributes;
using Fleet.Unit;

namespace Fleet.Benchmarks;

/// <summary>
/// Parsing every accepted reference unit, beside a baseline that only splits the same bytes
/// into lines (the least any line-based reader must do). One operation is the whole corpus.
/// </summary>
[MemoryDiagnoser]
public class UnitFileParseBenchmarks
{
    private byte[][] files = [];

    [GlobalSetup]
    public void Setup() => files = ReferenceUnits.Accepted();

    [Benchmark(Baseline = true, Description = "line split (baseline)")]
    public int SplitLines()
    {
        var lines = 0;
        foreach (var file in files)
        {
            ReadOnlySpan<byte> rest = file;
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf((byte)'\n');
                if (end < 0) end = rest.Length - 1;
                lines += rest[0];
                rest = rest[(end + 1)..];
            }
        }
        return lines;
    }

    [Benchmark(Description = "UnitFile.Parse")]
    public int Parse()
    {
        var options = 0;
        foreach (var file in files)
        {
            options += UnitFile.Parse(file).Match(unit => unit.Options.Count, _ => -1);
        }
        return options;
    }
}
