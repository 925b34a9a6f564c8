using Spectre.Console;

namespace Fleet.Cli.Progress;

/// <summary>
/// One row of the board as styled pieces:
/// <c>⠋ web@1.service  loaded → launched  on 7d6b720d.../172.17.8.102</c>.
/// </summary>
internal static class ProgressRowText
{
    private static readonly Style Spinner = new(Color.Teal);
    private static readonly Style UnitName = new(decoration: Decoration.Bold);
    private static readonly Style Waiting = new(Color.Yellow);
    private static readonly Style Reached = new(Color.Green);
    private static readonly Style Quiet = new(Color.Grey);

    /// <summary>The row's pieces, cut so that they take at most <paramref name="width"/> columns.</summary>
    /// <param name="row">The row.</param>
    /// <param name="unitWidth">The width the unit names are padded to, so the states line up.</param>
    /// <param name="spinner">The spinner's current frame.</param>
    /// <param name="settings">Colour and character set.</param>
    /// <param name="width">The columns available.</param>
    /// <returns>The pieces, each with its style.</returns>
    public static IReadOnlyList<(string Text, Style Style)> Pieces(ProgressRow row, int unitWidth, string spinner, TerminalBoardSettings settings, int width)
    {
        var state = row.State ?? "-";
        var pieces = new List<(string, Style)>
        {
            (spinner, Spinner),
            (" ", Style.Plain),
            (row.Unit.PadRight(unitWidth), UnitName),
            ("  ", Style.Plain),
            (state, state == row.Target ? Reached : Waiting),
            (settings.Unicode ? " → " : " -> ", Quiet),
            (row.Target, Style.Plain),
        };
        if (row.Machine is { Length: > 0 } machine) pieces.Add(($"  on {machine}", Quiet));
        return Fit(pieces, width, settings.Colour);
    }

    // Every character drawn is one column wide: unit names, states and machine legends are ASCII
    // by fleet's rules, and the spinner's frames and the arrow are single-width symbols.
    private static List<(string Text, Style Style)> Fit(List<(string Text, Style Style)> pieces, int width, bool colour)
    {
        var fitted = new List<(string, Style)>();
        var left = Math.Max(0, width);
        foreach (var (text, style) in pieces)
        {
            if (left == 0) break;
            var part = text.Length <= left ? text : text[..left];
            left -= part.Length;
            fitted.Add((part, colour ? style : Style.Plain));
        }
        return fitted;
    }
}
