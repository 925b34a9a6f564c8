using System.Text.RegularExpressions;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>
/// Help, usage and command lines that do not parse, run as a process in an empty folder with no
/// fleet to reach, compared byte for byte with what fleetctl v1.0.0 printed for the same
/// arguments: <c>--help</c> and <c>help</c> for every command, the root's usage after a flag
/// error, cobra's suggestions, pflag's messages and the deprecated <c>verify</c>.
/// </summary>
public sealed partial class HelpAndUsageTests
{
    /// <summary>Every recorded case.</summary>
    public static TheoryData<string> Cases() => new(OracleCase.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Prints_what_fleetctl_printed(string id)
    {
        var expected = OracleCase.All[id];
        using var folder = new TemporaryFolder();
        var result = await CliProcess.RunAsync(expected.Arguments, new Dictionary<string, string?> { ["HOME"] = folder.Path }, workingDirectory: folder.Path);
        Assert.Equal(FieldOrder(expected.Stdout), FieldOrder(result.Stdout));
        Assert.Equal(expected.Stderr, result.Stderr);
        Assert.Equal(expected.ExitCode, result.ExitCode);
    }

    [Fact]
    public void Every_command_has_both_help_cases()
    {
        var commands = Fleet.Cli.Help.CommandCatalog.All.Select(command => command.Name);
        var missing = commands.Where(name => !OracleCase.All.ContainsKey($"help-{name}") || !OracleCase.All.ContainsKey($"{name}-help")).ToList();
        Assert.Empty(missing);
    }

    // fleetctl lists a table's valid fields in Go's map order, which changes from run to run; the
    // reference's order is the one printed here, so only the set of fields is compared.
    private static string FieldOrder(string text) =>
        ValidFields().Replace(text, match => $"Valid fields are \"{string.Join(',', match.Groups[1].Value.Split(',').Order(StringComparer.Ordinal))}\"");

    [GeneratedRegex("Valid fields are \"([^\"]*)\"")]
    private static partial Regex ValidFields();
}
