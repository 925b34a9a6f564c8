using Fleet.Tests.Shared;

namespace Fleet.Packages.Tests;

/// <summary>The repository this test runs from, and its markdown files that users read.</summary>
internal static class Repository
{
    public static string Root { get; } = RepositoryRoot.Require();

    /// <summary>The README and each package's README, relative to the root.</summary>
    public static IEnumerable<string> Readmes() =>
        new[] { "README.md" }.Concat(
            Directory.EnumerateDirectories(Root, "Fleet.*")
                .Select(folder => Path.Combine(folder, "README.md"))
                .Where(File.Exists)
                .Select(path => Path.GetRelativePath(Root, path))
                .Order(StringComparer.Ordinal));

    /// <summary>Every fenced block of those files, read once for all the tests.</summary>
    public static IReadOnlyList<FencedBlock> Blocks() => AllBlocks.Value;

    private static readonly Lazy<IReadOnlyList<FencedBlock>> AllBlocks = new(() => [.. Readmes().SelectMany(readme => FencedBlock.Read(Root, readme))]);
}
