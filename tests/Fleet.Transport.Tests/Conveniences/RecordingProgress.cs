
namespace Fleet.Transport.Tests.Conveniences;

/// <summary>
/// Records each report where it is made (Progress&lt;T&gt; would post to the thread pool and reorder
/// them), and can act on a report, such as cancelling the wait.
/// </summary>
internal sealed class RecordingProgress(Action<UnitProgress>? onReport = null) : IProgress<UnitProgress>
{
    private readonly List<UnitProgress> reports = [];

    public IReadOnlyList<UnitProgress> Reports
    {
        get
        {
            lock (reports) return [.. reports];
        }
    }

    public void Report(UnitProgress value)
    {
        lock (reports) reports.Add(value);
        onReport?.Invoke(value);
    }
}
