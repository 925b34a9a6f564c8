using System.Text.RegularExpressions;
using Fleet.Cli.Progress;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// The progress board drawn on a stand-in terminal (standard output and error both go to it, as
/// on a real one) and played on <see cref="VirtualTerminal"/>: it shows each unit's state while
/// waiting, and what it leaves on the screen is exactly the lines printed through it.
/// </summary>
public sealed partial class ProgressBoardTests
{
    private readonly StringWriter terminal = new() { NewLine = "\n" };

    [Fact]
    public async Task Rows_show_each_unit_its_state_the_target_and_the_machine()
    {
        await using var board = Board(colour: false, unicode: false, width: 80);
        board.Watch("web@1.service", "launched");
        board.Watch("db.service", "launched");
        board.Saw("web@1.service", "loaded", "7d6b720d.../172.17.8.102");

        var screen = VirtualTerminal.Play(terminal.ToString());
        Assert.Equal(
            [
                "- web@1.service  loaded -> launched  on 7d6b720d.../172.17.8.102",
                "- db.service     - -> launched",
            ],
            screen.Screen);
        Assert.False(screen.CursorVisible);
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        var board = Board(colour: false, unicode: false, width: 80);
        board.Watch("web@1.service", "launched");

        await board.DisposeAsync();
        await board.DisposeAsync();

        Assert.Empty(VirtualTerminal.Play(terminal.ToString()).Screen);
    }

    [Theory]
    [InlineData(120, "100", 120)]
    [InlineData(null, "100", 100)]
    [InlineData(null, "wide", 80)]
    [InlineData(0, null, 80)]
    public void The_width_is_the_terminals_then_columns_then_80(int? reported, string? columns, int width)
    {
        var variables = columns is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["COLUMNS"] = columns };
        var context = new CliContext(terminal, terminal, variables) { TerminalWidth = reported };

        Assert.Equal(width, TerminalBoardSettings.For(context).Width);
    }

    [Fact]
    public async Task What_stays_on_the_screen_is_exactly_the_printed_lines()
    {
        var board = Board(colour: true, unicode: true, width: 80);
        board.Watch("web@1.service", "launched");
        board.Watch("web@2.service", "launched");
        board.Saw("web@1.service", "launched", "7d6b720d...");
        board.Drop("web@1.service");
        board.Print(() => terminal.Write("Unit web@1.service launched\n"));
        board.Saw("web@2.service", "loaded", null);
        Assert.Contains("web@2.service", VirtualTerminal.Play(terminal.ToString()).Screen[^1], StringComparison.Ordinal);
        board.Drop("web@2.service");
        board.Print(() => terminal.Write("Unit web@2.service launched on 9a805ebd.../172.17.8.103\n"));
        await board.DisposeAsync();

        var screen = VirtualTerminal.Play(terminal.ToString());
        Assert.Equal(["Unit web@1.service launched", "Unit web@2.service launched on 9a805ebd.../172.17.8.103"], screen.Screen);
        Assert.True(screen.CursorVisible);
        Assert.True(screen.Sequences > 0);
    }

    [Fact]
    public async Task Disposing_takes_away_rows_still_shown()
    {
        var board = Board(colour: true, unicode: true, width: 80);
        board.Print(() => terminal.Write("before\n"));
        board.Watch("nowhere.service", "launched");
        board.Saw("nowhere.service", "inactive", null);
        await board.DisposeAsync();

        var screen = VirtualTerminal.Play(terminal.ToString());
        Assert.Equal(["before"], screen.Screen);
        Assert.True(screen.CursorVisible);
    }

    [Fact]
    public async Task Rows_are_cut_to_fit_one_line_each()
    {
        await using var board = Board(colour: false, unicode: false, width: 24);
        board.Watch("a-rather-long-unit-name.service", "launched");
        board.Watch("b.service", "loaded");

        var screen = VirtualTerminal.Play(terminal.ToString()).Screen;
        // One column short of the width, so no terminal wraps a row.
        Assert.Equal(["- a-rather-long-unit-na", "- b.service".PadRight(23)], screen);
    }

    [Fact]
    public async Task Colour_only_when_wanted()
    {
        await using (var plain = Board(colour: false, unicode: true, width: 80))
        {
            plain.Watch("hello.service", "launched");
            plain.Saw("hello.service", "launched", "222f532f...");
        }
        Assert.DoesNotMatch(Styles(), terminal.ToString());

        terminal.GetStringBuilder().Clear();
        await using (var coloured = Board(colour: true, unicode: true, width: 80))
        {
            coloured.Watch("hello.service", "launched");
        }
        Assert.Matches(Styles(), terminal.ToString());
    }

    [Fact]
    public async Task Off_a_terminal_nothing_but_the_lines_is_written()
    {
        var context = new CliContext(terminal, terminal, new Dictionary<string, string>()) { StdoutIsTerminal = true, StderrIsTerminal = false };
        await using (var board = ProgressBoard.For(context))
        {
            Assert.IsType<SilentProgressBoard>(board);
            board.Watch("hello.service", "launched");
            board.Saw("hello.service", "loaded", "222f532f...");
            board.Print(() => terminal.Write("Unit hello.service launched\n"));
            board.Drop("hello.service");
        }
        Assert.Equal("Unit hello.service launched\n", terminal.ToString());
    }

    [Fact]
    public async Task On_a_terminal_the_board_draws()
    {
        var context = new CliContext(terminal, terminal, new Dictionary<string, string>()) { StderrIsTerminal = true };
        await using var board = ProgressBoard.For(context);
        Assert.IsType<TerminalProgressBoard>(board);
    }

    [Theory]
    [InlineData(false, null, null, true)]
    [InlineData(true, null, null, false)]
    [InlineData(false, "dumb", null, false)]
    [InlineData(false, "xterm-256color", "1", true)]
    public void Terminals_are_streams_not_redirected_to_a_dumb_terminal(bool redirected, string? term, string? noColor, bool expected)
    {
        var variables = new Dictionary<string, string>();
        if (term is not null) variables["TERM"] = term;
        if (noColor is not null) variables["NO_COLOR"] = noColor;
        Assert.Equal(expected, Terminals.IsTerminal(redirected, variables));
        Assert.Equal(noColor is null, Terminals.Colour(variables));
    }

    [Theory]
    [InlineData("C.UTF-8", null, true)]
    [InlineData("en_US.utf8", null, true)]
    [InlineData("en_US.UTF-8", "C", false)]
    [InlineData(null, null, false)]
    public void Unicode_when_the_locale_says_UTF8(string? lang, string? lcAll, bool expected)
    {
        var variables = new Dictionary<string, string>();
        if (lang is not null) variables["LANG"] = lang;
        if (lcAll is not null) variables["LC_ALL"] = lcAll;
        Assert.Equal(expected, Terminals.Unicode(variables));
    }

    private TerminalProgressBoard Board(bool colour, bool unicode, int width) =>
        new(terminal, new TerminalBoardSettings(colour, unicode, width, Animation: null));

    // An SGR sequence that sets a colour or a style (not only a reset).
    [GeneratedRegex("\u001b\\[(?!0m)[0-9;]+m")]
    private static partial Regex Styles();
}
