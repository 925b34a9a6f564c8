namespace Fleet.Conformance.Tests;

/// <summary>
/// The units of one test: names under a prefix of its own, and all of them destroyed when the
/// test ends, passed or failed (<c>await using</c>).
/// </summary>
public sealed class TestUnits(TargetFleet fleet, string prefix) : IAsyncDisposable
{
    /// <summary>What every name of this test starts with.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>A unit of this test: <c>PREFIX</c><paramref name="stem"/><c>.</c><paramref name="type"/>.</summary>
    public string Name(string stem, string type = "service") => $"{Prefix}{stem}.{type}";

    /// <summary>A template of this test: <c>PREFIX</c><paramref name="stem"/><c>@.service</c>.</summary>
    public string Template(string stem) => $"{Prefix}{stem}@.service";

    /// <summary>An instance of <see cref="Template"/>.</summary>
    public string Instance(string stem, string instance) => $"{Prefix}{stem}@{instance}.service";

    /// <summary>Whether a name is one of this test's.</summary>
    public bool Owns(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    public async ValueTask DisposeAsync() => await fleet.DestroyAllAsync(Prefix);
}
