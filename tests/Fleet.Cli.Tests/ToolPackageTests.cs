using Fleet.Cli.Tests.Harness;
using Fleet.Tests.Shared;

namespace Fleet.Cli.Tests;

/// <summary>
/// The command line as users get it: packed as a .NET tool and installed with
/// <c>dotnet tool install</c>, it runs as <c>fleetctl-net</c>, example units included.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Installs_as_fleetctl_net_and_runs()
    {
        using var folder = new TemporaryFolder();
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(CliProcess.AssemblyPath)!, "..", "..", "..", "Fleet.Cli.csproj"));
        var configuration = new DirectoryInfo(Path.GetDirectoryName(CliProcess.AssemblyPath)!).Parent!.Name;
        var packages = Path.Combine(folder.Path, "packages");
        var tools = Path.Combine(folder.Path, "tools");

        // The build the other tests run is the one packed.
        await RunAsync("dotnet", ["pack", project, "--no-build", "-c", configuration, "-o", packages, "--nologo"], folder.Path);
        // A package cache of its own: the shared one would keep an earlier build of the same version.
        // Every build is a prerelease until the first vX.Y.Z tag.
        await RunAsync("dotnet", ["tool", "install", "Fleet.Cli", "--prerelease", "--tool-path", tools, "--add-source", packages], folder.Path, Path.Combine(folder.Path, "nuget"));

        var version = await RunAsync(Path.Combine(tools, "fleetctl-net"), ["version"], folder.Path);
        Assert.Equal("fleetctl version v1.0.0\n", version);
        var help = await RunAsync(Path.Combine(tools, "fleetctl-net"), ["help", "demo"], folder.Path);
        Assert.StartsWith("NAME:\n\tdemo - ", help, StringComparison.Ordinal);
        var own = Assert.Single(Directory.GetFiles(packages, "Fleet.Cli.*.nupkg"))[(packages.Length + "/Fleet.Cli.".Length)..^".nupkg".Length];
        Assert.Matches($@"This is fleetctl-net {System.Text.RegularExpressions.Regex.Escape(own)}\+[0-9a-f]{{40}}, which behaves as fleetctl v1\.0\.0\.", help);
    }

    [Fact]
    public async Task Its_package_holds_no_api_documentation_and_no_other_languages()
    {
        using var folder = new TemporaryFolder();
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(CliProcess.AssemblyPath)!, "..", "..", "..", "Fleet.Cli.csproj"));
        var configuration = new DirectoryInfo(Path.GetDirectoryName(CliProcess.AssemblyPath)!).Parent!.Name;

        await RunAsync("dotnet", ["pack", project, "--no-build", "-c", configuration, "-o", folder.Path, "--nologo"], folder.Path);

        using var package = System.IO.Compression.ZipFile.OpenRead(Assert.Single(Directory.GetFiles(folder.Path, "Fleet.Cli.*.nupkg")));
        var tool = package.Entries.Select(e => e.FullName).Where(name => name.StartsWith("tools/", StringComparison.Ordinal)).ToList();
        Assert.Contains("tools/net10.0/any/Fleet.Cli.dll", tool);
        Assert.DoesNotContain(tool, name => name.EndsWith(".xml", StringComparison.Ordinal) && !name.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.DoesNotContain(tool, name => name.EndsWith(".resources.dll", StringComparison.Ordinal));
        Assert.Contains("README.md", package.Entries.Select(e => e.FullName));
        Assert.Contains("LICENSE", package.Entries.Select(e => e.FullName));
    }

    private static Task<string> RunAsync(string program, string[] arguments, string workingDirectory, string? packageCache = null) =>
        DotnetProcess.RunAsync(program, arguments, workingDirectory,
            // A package cache of its own when given: the shared one would keep an earlier build of the same version.
            packageCache is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["NUGET_PACKAGES"] = packageCache },
            Deadline);
}
