using System.Collections.Concurrent;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>How the hostile cases ended, counted as they run concurrently, for the report.</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<string, int> counts = new();
    private int total;

    public int Total => Volatile.Read(ref total);

    public int this[string outcome] => counts.GetValueOrDefault(outcome);

    public void Add(string outcome)
    {
        Interlocked.Increment(ref total);
        counts.AddOrUpdate(outcome, 1, (_, n) => n + 1);
    }

    public string Report() =>
        $"{Total} cases: " + string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"));
}
