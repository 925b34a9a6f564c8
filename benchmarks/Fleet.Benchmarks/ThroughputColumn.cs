using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Fleet.Benchmarks;

/// <summary>
/// MB/s (10^6 bytes per second, as Go's testing.B reports it): the bytes one operation covers
/// divided by the mean time of that operation. Every row of a class covers the same bytes, so
/// the column compares like with like, baseline included.
/// </summary>
internal sealed class ThroughputColumn(Func<long> bytesPerOperation, string what) : IColumn
{
    private readonly Lazy<long> bytes = new(bytesPerOperation);

    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{what} ({bytes.Value} bytes) / Mean, in 10^6 bytes per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        // Mean is in nanoseconds: bytes/ns * 1000 = 10^6 bytes/s.
        if (summary[benchmarkCase]?.ResultStatistics is not { } statistics) return "NA";
        return (bytes.Value / statistics.Mean * 1000).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>
/// The least a benchmark's result can allocate (what it keeps), beside BenchmarkDotNet's
/// Allocated column: equal figures mean no allocation beyond the result itself. Baseline rows
/// keep nothing.
/// </summary>
internal sealed class ResultBytesColumn(Func<string, long?> bytesForMethod, string legend) : IColumn
{
    public string Id => nameof(ResultBytesColumn);
    public string ColumnName => "Result keeps";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Size;
    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        bytesForMethod(benchmarkCase.Descriptor.WorkloadMethod.Name) is { } bytes
            ? bytes.ToString("N0", CultureInfo.InvariantCulture) + " B"
            : "-";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
