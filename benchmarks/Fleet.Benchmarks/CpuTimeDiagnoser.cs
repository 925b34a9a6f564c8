using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace Fleet.Benchmarks;

/// <summary>
/// Records the benchmark process's CPU time (user and system, every thread: socket completions,
/// the thread pool, the GC) over the actual workload iterations only. BenchmarkDotNet signals
/// the host just before and just after those iterations and, since this diagnoser asks for it,
/// waits while the host reads the benchmark process's CPU time from the kernel. Jitting, pilot,
/// warm-up and the memory diagnoser's extra run fall outside the window. <see cref="CpuTimeColumn"/>
/// divides it by the operations of those iterations, which the summary lists.
/// </summary>
internal sealed class CpuTimeDiagnoser : IDiagnoser
{
    public static readonly CpuTimeDiagnoser Default = new();

    private readonly ConcurrentDictionary<BenchmarkCase, TimeSpan> started = new();
    private readonly ConcurrentDictionary<BenchmarkCase, TimeSpan> used = new();

    public IEnumerable<string> Ids => ["CpuTime"];
    public IEnumerable<IExporter> Exporters => [];
    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public bool RequiresBlockingAcknowledgments(BenchmarkCase benchmarkCase) => true;

    /// <summary>The CPU time of a case's actual iterations, every launch added up.</summary>
    public TimeSpan? Used(BenchmarkCase benchmarkCase) => used.TryGetValue(benchmarkCase, out var cpu) ? cpu : null;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        var benchmarkCase = parameters.BenchmarkCase;
        if (signal == HostSignal.BeforeActualRun) started[benchmarkCase] = CpuOf(parameters.Process);
        else if (signal == HostSignal.AfterActualRun && started.TryRemove(benchmarkCase, out var before))
        {
            used.AddOrUpdate(benchmarkCase, CpuOf(parameters.Process) - before, (_, sum) => sum + CpuOf(parameters.Process) - before);
        }
    }

    private static TimeSpan CpuOf(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results) => [];

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];
}

/// <summary>
/// CPU time per operation from <see cref="CpuTimeDiagnoser"/>, in microseconds, or its ratio to
/// the baseline of the same parameters. Wall time hides a client's cost while it waits on a
/// server; CPU time per request is what the client costs the machine it runs on.
/// </summary>
internal sealed class CpuTimeColumn(CpuTimeDiagnoser diagnoser, bool ratio) : IColumn
{
    public string Id => nameof(CpuTimeColumn) + (ratio ? "Ratio" : "");
    public string ColumnName => ratio ? "CPU ratio" : "CPU μs/op";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => ratio ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => ratio
        ? "CPU μs/op divided by the baseline's"
        : "The benchmark process's CPU time (user + system, all threads) per operation over the actual iterations, in μs";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (PerOperation(summary, benchmarkCase) is not { } mine) return "NA";
        if (!ratio) return mine.ToString("0.00", CultureInfo.InvariantCulture);
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        return baseline is not null && PerOperation(summary, baseline) is { } theirs and > 0
            ? (mine / theirs).ToString("0.00", CultureInfo.InvariantCulture)
            : "?";
    }

    private double? PerOperation(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (diagnoser.Used(benchmarkCase) is not { } cpu || summary[benchmarkCase] is not { } report) return null;
        var operations = report.AllMeasurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Sum(m => m.Operations);
        return operations > 0 ? cpu.TotalMicroseconds / operations : null;
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
