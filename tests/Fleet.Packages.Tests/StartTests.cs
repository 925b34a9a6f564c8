namespace Fleet.Packages.Tests;

/// <summary>
/// The README's start, followed verbatim as a stranger would, against the packages this build
/// packs: its shell lines in a fresh folder and home, its program as the program, run.
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed class StartTests(PackedFeed feed)
{
    [Fact]
    public void Every_package_is_packed()
    {
        Assert.Equal(
            ["Fleet.Cli", "Fleet.Cli.any", "Fleet.Cli.linux-x64", "Fleet.Core", "Fleet.FSharp", "Fleet.Facade", "Fleet.Simulator", "Fleet.Ssh", "Fleet.Transport", "Fleet.Unit"],
            feed.Packages.Select(p => p[..p.IndexOf(".0.", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_csharp_start_compiles_and_runs_first_time()
    {
        var (shell, program) = Start("### C#: the facade", "csharp");
        var folder = Directory.CreateDirectory(Path.Combine(feed.Folder, "start-" + Guid.NewGuid().ToString("N")[..8])).FullName;

        await feed.ShellAsync(shell, folder);
        var project = Assert.Single(Directory.GetDirectories(folder));
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), program);
        var output = await feed.RunAsync("dotnet", ["run"], project);

        Assert.Matches(@"machine \w+ at \d+\.\d+\.\d+\.\d+\n", output);
        Assert.Matches(@"hello.service is active/running on \w+\n", output);
        Assert.Contains("fleet says 404: unit does not exist\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fsharp_start_compiles_and_runs_first_time()
    {
        var (shell, program) = Start("### F#: the functional client", "fsharp");
        var folder = Directory.CreateDirectory(Path.Combine(feed.Folder, "start-" + Guid.NewGuid().ToString("N")[..8])).FullName;

        await feed.ShellAsync(shell, folder);
        var project = Assert.Single(Directory.GetDirectories(folder));
        await File.WriteAllTextAsync(Path.Combine(project, "Program.fs"), program);
        var output = await feed.RunAsync("dotnet", ["run"], project);

        Assert.Matches(@"machine \w+ at \d+\.\d+\.\d+\.\d+\n", output);
        Assert.Matches(@"hello.service is active/running on \w+\n", output);
        Assert.Contains("fleet says 404: unit does not exist\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_start_installs_fleetctl_net_and_runs_its_demo()
    {
        var shell = Block("### fleetctl users: the tool", "sh");
        var folder = Directory.CreateDirectory(Path.Combine(feed.Folder, "start-" + Guid.NewGuid().ToString("N")[..8])).FullName;

        var output = await feed.ShellAsync(shell, folder);

        Assert.Contains("$ fleetctl-net list-machines\n", output, StringComparison.Ordinal);
        Assert.Contains("$ fleetctl-net destroy web@2.service\n", output, StringComparison.Ordinal);
    }

    // The shell block and the whole program of a start section.
    private static (string Shell, string Program) Start(string heading, string language)
    {
        var program = Block(heading, language);
        return (Block(heading, "sh"), program);
    }

    private static string Block(string heading, string language)
    {
        var readme = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var start = Array.IndexOf(readme, heading);
        Assert.True(start >= 0, $"README.md has no `{heading}`");
        var end = Array.FindIndex(readme, start + 1, line => line.StartsWith("#", StringComparison.Ordinal));
        var block = Repository.Blocks().FirstOrDefault(b => b.File == "README.md" && b.Line > start && (end < 0 || b.Line <= end) && b.Language == language);
        Assert.True(block is not null, $"README.md's `{heading}` has no {language} block");
        if (language != "sh") Assert.True(block.IsWholeProgram, $"{block} is the start's program but is not marked as a whole program");
        return block.Text;
    }
}
