using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.UnitFiles;

namespace Fleet.Benchmarks;

/// <summary>
/// Parsing every accepted reference unit, beside a baseline that only splits the same bytes
/// into lines (the least any line-based reader must do). One operation is the whole corpus.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class UnitFileParseBenchmarks
{
    private byte[][] files = [];

    [GlobalSetup]
    public void Setup()
    {
        files = ReferenceUnits.Accepted();
        results = ResultsOf(files);
    }

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

    /// <summary>
    /// The floor under <see cref="Parse"/> that no parser with this result can go below: building
    /// the very objects one parse returns (the list, one UnitOption per option, and each string a
    /// parse makes anew, copied from ready UTF-16 rather than decoded), with no reading at all.
    /// </summary>
    [Benchmark(Description = "result only (floor)")]
    public int ResultOnly()
    {
        var count = 0;
        foreach (var file in results)
        {
            if (file.Length == 0) continue;
            var options = scratch.AsSpan(0, file.Length);
            for (var i = 0; i < file.Length; i++)
            {
                var (option, freshSection, freshName, freshValue) = file[i];
                options[i] = new UnitOption(
                    freshSection ? new string(option.Section) : option.Section,
                    freshName ? new string(option.Name) : option.Name,
                    freshValue ? new string(option.Value) : option.Value);
            }
            count += ValueList.Create<UnitOption>(options).Count;
            options.Clear();
        }
        return count;
    }

    private readonly UnitOption[] scratch = new UnitOption[4096];

    // Per accepted file, its options and which of their strings a parse makes anew (a string that
    // two parses both hand out, like a known name, is shared and costs nothing per run).
    private (UnitOption Option, bool FreshSection, bool FreshName, bool FreshValue)[][] results = [];

    private static (UnitOption, bool, bool, bool)[][] ResultsOf(byte[][] files) =>
        [.. files.Select(file => OptionsOf(file).Zip(OptionsOf(file), (first, second) => (
            first,
            !ReferenceEquals(first.Section, second.Section),
            !ReferenceEquals(first.Name, second.Name),
            !ReferenceEquals(first.Value, second.Value))).ToArray())];

    /// <summary>
    /// What one <see cref="Parse"/> operation keeps: per unit file with options, the UnitFile,
    /// its ValueList and array, one UnitOption per option, and every string of those options
    /// that is new each time (a string that a second parse hands out again, like the known
    /// section names and "", is static and costs nothing per run).
    /// </summary>
    internal static long ResultBytes(byte[][] files)
    {
        var first = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var file in files)
        {
            foreach (var option in OptionsOf(file)) first.UnionWith([option.Section, option.Name, option.Value]);
        }

        long total = 0;
        foreach (var file in files)
        {
            var options = OptionsOf(file);
            if (options.Count == 0) continue; // UnitFile.Empty
            total += ObjectSizes.Object(references: 2) // UnitFile: the options and the cached hash
                + ObjectSizes.Object(references: 1) // ValueList<UnitOption>
                + ObjectSizes.ReferenceArray(options.Count)
                + options.Count * ObjectSizes.Object(references: 3); // UnitOption
            var strings = new HashSet<string>(ReferenceEqualityComparer.Instance);
            foreach (var option in options) strings.UnionWith([option.Section, option.Name, option.Value]);
            foreach (var text in strings)
            {
                if (!first.Contains(text)) total += ObjectSizes.String(text.Length);
            }
        }
        return total;
    }

    private static IReadOnlyList<UnitOption> OptionsOf(byte[] file) =>
        UnitFile.Parse(file).Match(unit => unit.Options, error => throw new InvalidOperationException(error.ToString()));

    private sealed class Config : ManualConfig
    {
        private static readonly Lazy<byte[][]> Corpus = new(ReferenceUnits.Accepted);

        public Config()
        {
            AddColumn(new ThroughputColumn(() => Corpus.Value.Sum(file => (long)file.Length), "Bytes of the accepted reference units"));
            AddColumn(new ResultBytesColumn(
                method => method == nameof(Parse) ? ResultBytes(Corpus.Value) : null,
                "The objects one operation's results hold that are new each run (UnitFile, list, options, fresh strings); the floor for Allocated"));
        }
    }
}
