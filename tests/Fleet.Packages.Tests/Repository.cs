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

    public static IEnumerable<FencedBlock> Blocks() => Readmes().SelectMany(readme => FencedBlock.Read(Root, readme));
}
