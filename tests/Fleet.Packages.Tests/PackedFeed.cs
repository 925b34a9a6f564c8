using Fleet.Tests.Shared;

namespace Fleet.Packages.Tests;

/// <summary>
/// Every package of the repository packed into a folder, the local feed a stranger's first
/// program restores from, with a package cache and a home folder of its own so nothing of this
/// machine's (an earlier build of the same version, installed tools) can stand in. Deleted at the end.
/// One for all the tests that use it, which run one after another: two packs of one project at once
/// would write the same files under its obj folder.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>The collection of the tests that share the feed.</summary>
    public const string Collection = "packed feed";

    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    /// <summary>How long packing the tool for one runtime may take: Native AOT compiles the whole program.</summary>
    public static readonly TimeSpan NativeDeadline = TimeSpan.FromMinutes(15);

    public string Folder { get; } = Directory.CreateTempSubdirectory("fleet-readme-").FullName;

    public string Feed => Path.Combine(Folder, "feed");

    public string Home => Path.Combine(Folder, "home");

    public IReadOnlyList<string> Packages { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        // The configuration the tests were built in; pack what those builds made.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        await RunAsync("dotnet", ["pack", Path.Combine(Repository.Root, "Fleet.sln"), "--no-build", "-c", configuration, "-o", Feed, "--nologo"], Repository.Root);
        // The solution's pack gives the tool's top-level package, which only names the packages
        // that hold it: the native one for this platform and the framework-dependent fallback are
        // packed one by one, as a release packs them. They build for their own runtime, so with
        // this machine's package cache rather than the feed's; the native one compiles for minutes.
        foreach (var runtime in new[] { "any", "linux-x64" })
        {
            await DotnetProcess.RunAsync("dotnet", ["pack", Path.Combine(Repository.Root, "Fleet.Cli"), "-r", runtime, "-c", configuration, "-o", Feed, "--nologo"], Repository.Root, new Dictionary<string, string>(), NativeDeadline);
        }
        Packages = [.. Directory.GetFiles(Feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        // A feed beside the machine's own sources, found from every folder below this one.
        await File.WriteAllTextAsync(Path.Combine(Folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fleet-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs a shell script in <paramref name="workingDirectory"/> as a user in a fresh home would; its output, or a failure that shows it.</summary>
    public Task<string> ShellAsync(string script, string workingDirectory) =>
        RunAsync("bash", ["-euo", "pipefail", "-c", script], workingDirectory);

    public Task<string> RunAsync(string program, string[] arguments, string workingDirectory) =>
        DotnetProcess.RunAsync(program, arguments, workingDirectory, new Dictionary<string, string>
        {
            ["HOME"] = Home,
            ["NUGET_PACKAGES"] = Path.Combine(Folder, "nuget-packages"),
            ["PATH"] = $"{Path.Combine(Home, ".dotnet", "tools")}:{Environment.GetEnvironmentVariable("PATH")}",
        }, Deadline);
}

/// <summary>The tests that share one <see cref="PackedFeed"/>.</summary>
[CollectionDefinition(PackedFeed.Collection)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>;
