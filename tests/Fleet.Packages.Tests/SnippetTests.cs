namespace Fleet.Packages.Tests;

/// <summary>Every C# and F# block a user reads in a README compiles: it is a region of a compiled snippet file.</summary>
public sealed class SnippetTests
{
    private const string Open = "// <readme>";
    private const string Close = "// </readme>";

    // Where the blocks are compiled: C# here, F# in the F# tests.
    private static readonly Dictionary<string, string[]> SnippetFiles = new(StringComparer.Ordinal)
    {
        ["csharp"] = ["tests/Fleet.Packages.Tests/Snippets/ReadmeSnippets.cs"],
        ["fsharp"] = ["tests/Fleet.FSharp.Tests/ReadmeSnippets.fs"],
    };

    public static TheoryData<string> Fragments() =>
        [.. Repository.Blocks().Where(b => SnippetFiles.ContainsKey(b.Language) && !b.IsWholeProgram).Select(b => b.ToString())];

    [Theory]
    [MemberData(nameof(Fragments))]
    public void A_readme_code_block_is_a_region_of_compiled_code(string where)
    {
        var block = Repository.Blocks().Single(b => b.ToString() == where);
        var (imports, body) = SplitImports(block.Text);
        var files = SnippetFiles[block.Language].Select(path => (Path: path, Text: File.ReadAllText(Path.Combine(Repository.Root, path)))).ToList();

        var home = files.FirstOrDefault(file => Regions(file.Text).Contains(body));

        Assert.True(home.Path is not null, $"{where}: this block is in no `{Open}` region of {string.Join(", ", files.Select(f => f.Path))}; put it in one, in the context it assumes, so that it compiles");
        var compiledImports = home.Text.Split('\n').Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.All(imports, import => Assert.True(compiledImports.Contains(import), $"{where}: `{import}` is not among {home.Path}'s imports"));
    }

    [Fact]
    public void Only_the_start_programs_are_whole_programs_and_the_start_tests_run_both()
    {
        var whole = Repository.Blocks().Where(b => b.IsWholeProgram).ToList();

        Assert.Equal(["csharp", "fsharp"], whole.Select(b => b.Language).Order(StringComparer.Ordinal));
        Assert.All(whole, b => Assert.Equal("README.md", b.File));
    }

    // The using/open lines a block starts with, and the rest.
    private static (List<string> Imports, string Body) SplitImports(string text)
    {
        var lines = text.Split('\n').ToList();
        var imports = new List<string>();
        while (lines.Count > 0 && (lines[0].StartsWith("using ", StringComparison.Ordinal) || lines[0].StartsWith("open ", StringComparison.Ordinal) || (lines[0].Length == 0 && imports.Count > 0)))
        {
            if (lines[0].Length > 0) imports.Add(lines[0]);
            lines.RemoveAt(0);
        }
        return (imports, string.Join('\n', lines));
    }

    // The text between each pair of markers, without the indentation the code around it needs.
    private static List<string> Regions(string source)
    {
        var regions = new List<string>();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != Open) continue;
            var end = Array.FindIndex(lines, i + 1, line => line.Trim() == Close);
            var region = lines[(i + 1)..end];
            var indent = region.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            regions.Add(string.Concat(region.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n")));
            i = end;
        }
        return regions;
    }
}
