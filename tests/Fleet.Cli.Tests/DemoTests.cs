using System.Text.RegularExpressions;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>
/// <c>fleetctl-net demo</c>, the README's first command, run as a process with nothing set up:
/// its session against the fleet it starts, what that fleet shows at the end, and its progress on
/// a terminal.
/// </summary>
public sealed partial class DemoTests
{
    private static readonly string[] Session =
    [
        "$ fleetctl-net list-machines",
        "$ fleetctl-net submit hello.service metrics.service web@.service db.service cache.service",
        "$ fleetctl-net list-unit-files",
        "$ fleetctl-net start hello.service metrics.service web@1.service web@2.service db.service cache.service",
        "$ fleetctl-net list-units",
        "$ fleetctl-net stop web@2.service",
        "$ fleetctl-net destroy web@2.service",
        "$ fleetctl-net list-unit-files",
        "$ fleetctl-net list-units",
    ];

    [Fact]
    public async Task Runs_its_session_and_leaves_the_fleet_at_rest()
    {
        using var home = new TemporaryFolder();
        var result = await CliProcess.RunAsync(["demo"], new Dictionary<string, string?> { ["HOME"] = home.Path }, workingDirectory: home.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Successfully stopped units [web@2.service].\n", result.Stderr);
        Assert.DoesNotContain('\u001b', result.Stdout);
        var lines = result.Stdout.Split('\n');
        Assert.Equal(Session, lines.Where(line => line.StartsWith('$')));

        // The machines as the reference lists them; the demo's constraints rely on their metadata.
        Assert.Equal(ReferenceStep.Get("003").Stdout, Between(result.Stdout, Session[0], Session[1]));
        Assert.Contains("Destroyed web@2.service\n", result.Stdout, StringComparison.Ordinal);

        var units = Rows(Between(result.Stdout, Session[8], "Done."));
        Assert.All(units, unit => Assert.Equal(("active", "running"), (unit.Active, unit.Sub)));
        Assert.Equal(["cache.service", "db.service", "hello.service", "metrics.service", "metrics.service", "metrics.service", "web@1.service"], units.Select(unit => unit.Name));
        // db needs role=db, which only 7d6b720d has; cache is MachineOf db; metrics is global.
        Assert.Equal("7d6b720d.../172.17.8.102", units.Single(unit => unit.Name == "db.service").Machine);
        Assert.Equal("7d6b720d.../172.17.8.102", units.Single(unit => unit.Name == "cache.service").Machine);
        Assert.Equal(3, units.Where(unit => unit.Name == "metrics.service").Select(unit => unit.Machine).Distinct().Count());

        var folder = FirstFolder().Match(result.Stdout);
        Assert.True(folder.Success, "the demo names its folder");
        Assert.False(Directory.Exists(folder.Groups[1].Value), "the demo removes its folder");
    }

    [Fact]
    public async Task On_a_terminal_shows_progress_and_colour_and_ends_with_the_same_screen()
    {
        using var home = new TemporaryFolder();
        var (exit, shown) = await PseudoTerminal.RunAsync("xterm-256color", home.Path, "demo");

        Assert.Equal(0, exit);
        // The progress board hides the cursor while it draws the units' rows, each with its awaited state.
        Assert.Contains("\u001b[?25l", shown, StringComparison.Ordinal);
        Assert.Matches(@"web@1\.service[^\n]*launched", shown.Replace("Unit web@1.service launched", "", StringComparison.Ordinal));
        Assert.Contains("\u001b[1;36m$ fleetctl-net list-units\u001b[0m", shown, StringComparison.Ordinal);

        var screen = VirtualTerminal.Play(shown);
        Assert.True(screen.CursorVisible);
        Assert.Equal(Session, screen.Screen.Where(line => line.StartsWith('$')));
        Assert.Contains("Done. A fleet of your own to try commands on, until Ctrl+C:", screen.Screen);
    }

    private static string Between(string text, string from, string to)
    {
        // The last time the command ran: list-units runs twice.
        var start = text.LastIndexOf(from + "\n", StringComparison.Ordinal) + from.Length + 1;
        var end = text.IndexOf(to, start, StringComparison.Ordinal);
        return text[start..end].TrimEnd('\n') + "\n";
    }

    private static List<(string Name, string Machine, string Active, string Sub)> Rows(string table) =>
        [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries))
            .Select(cells => (cells[0], cells[1], cells[2], cells[3]))];

    [GeneratedRegex(@"example units .* in (/\S+)\.\n")]
    private static partial Regex FirstFolder();
}
