using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Fleet.Packages.Tests;

/// <summary>
/// The command line as users get it: the Fleet.Cli package, installed with <c>dotnet tool install</c>,
/// runs as <c>fleetctl-net</c>, example units included, and carries only what a tool needs.
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed class ToolPackageTests(PackedFeed feed)
{
    [Fact]
    public async Task Installs_as_fleetctl_net_says_fleetctls_version_and_its_own_in_help_demo()
    {
        var folder = Directory.CreateDirectory(Path.Combine(feed.Folder, "tool-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var tools = Path.Combine(folder, "tools");

        // Every build is a prerelease until the first vX.Y.Z tag.
        await feed.RunAsync("dotnet", ["tool", "install", "Fleet.Cli", "--prerelease", "--tool-path", tools], folder);

        var version = await feed.RunAsync(Path.Combine(tools, "fleetctl-net"), ["version"], folder);
        Assert.Equal("fleetctl version v1.0.0\n", version);
        var help = await feed.RunAsync(Path.Combine(tools, "fleetctl-net"), ["help", "demo"], folder);
        Assert.StartsWith("NAME:\n\tdemo - ", help, StringComparison.Ordinal);
        var own = Path.GetFileName(ToolPackage())["Fleet.Cli.".Length..^".nupkg".Length];
        Assert.Matches($@"This is fleetctl-net {Regex.Escape(own)}\+[0-9a-f]{{40}}, which behaves as fleetctl v1\.0\.0\.", help);
    }

    [Fact]
    public void Its_package_holds_no_api_documentation_and_no_other_languages()
    {
        using var package = ZipFile.OpenRead(ToolPackage());
        var entries = package.Entries.Select(e => e.FullName).ToList();
        var tool = entries.Where(name => name.StartsWith("tools/", StringComparison.Ordinal)).ToList();

        Assert.Contains("tools/net10.0/any/Fleet.Cli.dll", tool);
        Assert.DoesNotContain(tool, name => name.EndsWith(".xml", StringComparison.Ordinal) && !name.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.DoesNotContain(tool, name => name.EndsWith(".resources.dll", StringComparison.Ordinal));
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
    }

    private string ToolPackage() => Assert.Single(Directory.GetFiles(feed.Feed, "Fleet.Cli.*.nupkg"));
}
