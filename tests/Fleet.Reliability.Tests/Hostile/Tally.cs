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

    /// <summary>The split: values against errors, errors by kind (fleet's HTTP statuses together), exceptions by type.</summary>
    public string Split()
    {
        var values = counts.Where(c => c.Key.StartsWith("value", StringComparison.Ordinal)).Sum(c => c.Value);
        var errors = counts.Where(c => !c.Key.StartsWith("value", StringComparison.Ordinal)).ToList();
        string By(Func<string, string> group) => string.Join(", ", errors
            .GroupBy(c => group(c.Key)).Select(g => (g.Key, Count: g.Sum(c => c.Value))).OrderByDescending(g => g.Count).Select(g => $"{g.Key} {g.Count}"));
        var kinds = By(label => label.StartsWith("Http", StringComparison.Ordinal) ? "Http" : label.Split(' ')[0]);
        var types = errors.Any(c => c.Key.Contains('(', StringComparison.Ordinal)) ? $"; thrown as {By(label => label[(label.IndexOf('(') + 1)..^1])}" : "";
        return $"values {values} (as fleet sent them {this["value as fleet sent it"]}), errors {Total - values}: {kinds}{types}";
    }
}
