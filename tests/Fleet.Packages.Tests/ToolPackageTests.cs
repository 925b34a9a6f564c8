using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Fleet.Packages.Tests;

/// <summary>
/// The command line as users get it: the Fleet.Cli package, installed with <c>dotnet tool install</c>,
/// runs as <c>fleetctl-net</c>, example units included, and carries only what a tool needs. The
/// package only points at the packages that hold the tool: the native executable for linux-x64 and
/// the framework-dependent assemblies for every other platform.
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
        var own = Path.GetFileName(Package("Fleet.Cli"))["Fleet.Cli.".Length..^".nupkg".Length];
        Assert.Matches($@"This is fleetctl-net {Regex.Escape(own)}\+[0-9a-f]{{40}}, which behaves as fleetctl v1\.0\.0\.", help);
        // On linux-x64 what was installed is the native executable, with no assemblies beside it.
        var installed = Directory.GetFiles(Path.Combine(tools, ".store"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains("Fleet.Cli", installed);
        Assert.DoesNotContain(installed, name => name!.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tool_package_names_the_native_package_and_the_framework_dependent_fallback()
    {
        var entries = Entries(Package("Fleet.Cli"));

        Assert.Equal(["tools/any/any/DotnetToolSettings.xml"], entries.Where(name => name.StartsWith("tools/", StringComparison.Ordinal)));
        using var package = ZipFile.OpenRead(Package("Fleet.Cli"));
        using var reader = new StreamReader(package.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
        var settings = reader.ReadToEnd();
        Assert.Contains("""<RuntimeIdentifierPackage RuntimeIdentifier="linux-x64" Id="Fleet.Cli.linux-x64" />""", settings, StringComparison.Ordinal);
        Assert.Contains("""<RuntimeIdentifierPackage RuntimeIdentifier="any" Id="Fleet.Cli.any" />""", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_native_package_holds_the_executable_alone()
    {
        var tool = Entries(Package("Fleet.Cli.linux-x64")).Where(name => name.StartsWith("tools/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(["tools/any/linux-x64/DotnetToolSettings.xml", "tools/any/linux-x64/Fleet.Cli"], tool);
    }

    [Theory]
    [InlineData("Fleet.Cli.any", "tools/net10.0/any/Fleet.Cli.dll")]
    [InlineData("Fleet.Cli.linux-x64", "tools/any/linux-x64/Fleet.Cli")]
    public void Its_packages_hold_no_api_documentation_and_no_other_languages(string id, string entryPoint)
    {
        var entries = Entries(Package(id));
        var tool = entries.Where(name => name.StartsWith("tools/", StringComparison.Ordinal)).ToList();

        Assert.Contains(entryPoint, tool);
        Assert.DoesNotContain(tool, name => name.EndsWith(".xml", StringComparison.Ordinal) && !name.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.DoesNotContain(tool, name => name.EndsWith(".resources.dll", StringComparison.Ordinal));
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
    }

    private static List<string> Entries(string path)
    {
        using var package = ZipFile.OpenRead(path);
        return [.. package.Entries.Select(e => e.FullName)];
    }

    // A package by its id: the version follows the id, so the next character is a digit.
    private string Package(string id) =>
        Assert.Single(Directory.GetFiles(feed.Feed, id + ".*.nupkg"), path => char.IsAsciiDigit(Path.GetFileName(path)[(id.Length + 1)..][0]));
}
