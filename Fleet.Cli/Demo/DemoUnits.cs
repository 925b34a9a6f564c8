namespace Fleet.Cli.Demo;

/// <summary>The example unit files the demo submits, shipped inside the command line.</summary>
internal static class DemoUnits
{
    private const string Prefix = "Fleet.Cli.Demo.Units.";

    /// <summary>The units' file names, in name order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(DemoUnits).Assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)).Select(name => name[Prefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>Writes every unit file into <paramref name="folder"/>.</summary>
    /// <param name="folder">Where to write them.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <returns>A task that completes when they are written.</returns>
    public static async Task WriteToAsync(string folder, CancellationToken cancellationToken)
    {
        foreach (var name in Names)
        {
            await using var source = typeof(DemoUnits).Assembly.GetManifestResourceStream(Prefix + name)!;
            await using var target = File.Create(Path.Combine(folder, name));
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }
    }
}
