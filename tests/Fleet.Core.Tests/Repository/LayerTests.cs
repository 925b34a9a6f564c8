using System.Text.RegularExpressions;
using System.Xml.Linq;
using Fleet.Tests.Shared;

namespace Fleet.Core.Tests.Repository;

/// <summary>The layer picture in the README is the one the project files build.</summary>
public sealed partial class LayerTests
{
    private static readonly string Root = RepositoryRoot.Require();

    [Fact]
    public void The_readme_layer_picture_names_each_shipped_projects_references_exactly()
    {
        var pictured = ReadmeLayers();
        var built = ShippedProjects().ToDictionary(
            project => Path.GetFileNameWithoutExtension(project),
            project => References(project, "ProjectReference").Select(reference => Path.GetFileNameWithoutExtension(reference)!).Order(StringComparer.Ordinal).ToList());

        Assert.Equal(built.Keys.Order(StringComparer.Ordinal), pictured.Keys.Order(StringComparer.Ordinal));
        Assert.All(built, project => Assert.Equal(project.Value, pictured[project.Key]));
    }

    [Theory]
    [InlineData("PackageReference", "SSH.NET", "Fleet.Ssh")]
    [InlineData("PackageReference", "LanguageExt.Core", "Fleet.Core")]
    [InlineData("PackageReference", "Spectre.Console", "Fleet.Cli")]
    [InlineData("FrameworkReference", "Microsoft.AspNetCore.App", "Fleet.Simulator")]
    public void An_outside_dependency_is_taken_by_the_one_layer_that_owns_it(string kind, string dependency, string owner)
    {
        var takers = ShippedProjects().Where(project => References(project, kind).Contains(dependency));

        Assert.Equal([owner], takers.Select(Path.GetFileNameWithoutExtension));
    }

    // "Name ──► A, B" lines of the README's layers block; a name alone has no references.
    private static Dictionary<string, List<string>> ReadmeLayers()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var block = LayersBlock().Match(readme);
        Assert.True(block.Success, "README.md has no ```text layers block");
        var layers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in block.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Fleet.", StringComparison.Ordinal)))
        {
            var parts = line.Split("──►", 2, StringSplitOptions.TrimEntries);
            var targets = parts.Length == 1 ? [] : parts[1].Split(',', StringSplitOptions.TrimEntries).Select(t => t.Split(' ')[0]).ToList();
            layers.Add(parts[0].Split(' ')[0], [.. targets.Order(StringComparer.Ordinal)]);
        }
        return layers;
    }

    private static IEnumerable<string> ShippedProjects() =>
        Directory.EnumerateDirectories(Root, "Fleet.*")
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*proj"))
            .Where(file => file.EndsWith(".csproj", StringComparison.Ordinal) || file.EndsWith(".fsproj", StringComparison.Ordinal));

    private static List<string> References(string project, string kind) =>
        [.. XDocument.Load(project).Descendants(kind).Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))];

    [GeneratedRegex("```text layers\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex LayersBlock();
}
