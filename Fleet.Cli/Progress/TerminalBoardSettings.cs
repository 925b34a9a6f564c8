namespace Fleet.Cli.Progress;

/// <summary>How a <see cref="TerminalProgressBoard"/> draws.</summary>
/// <param name="Colour">Whether to colour the rows.</param>
/// <param name="Unicode">Whether the terminal shows UTF-8 (braille spinner and arrow; ASCII otherwise).</param>
/// <param name="Width">The terminal's width in columns; rows are cut to fit on one line each.</param>
/// <param name="Animation">How often the spinner turns; null turns it only when something changes.</param>
internal sealed record TerminalBoardSettings(bool Colour, bool Unicode, int Width, TimeSpan? Animation)
{
    /// <summary>The settings for the terminal the command line runs in.</summary>
    /// <param name="context">The run's environment and the terminal's reported width.</param>
    /// <returns>The settings.</returns>
    public static TerminalBoardSettings For(CliContext context) =>
        new(Terminals.Colour(context.Variables), Terminals.Unicode(context.Variables), Terminals.Width(context.TerminalWidth, context.Variables), TimeSpan.FromMilliseconds(100));
}
