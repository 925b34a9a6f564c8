namespace Fleet.Cli.Progress;

/// <summary>Chooses the board for a run of the command line.</summary>
internal static class ProgressBoard
{
    /// <summary>
    /// A board drawn on standard error when it is a terminal, else one that draws nothing: piped
    /// or redirected output stays exactly fleetctl's text.
    /// </summary>
    /// <param name="context">The run's streams, terminals and environment.</param>
    /// <returns>The board; dispose it when the waiting is over.</returns>
    public static IProgressBoard For(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.StderrIsTerminal
            ? new TerminalProgressBoard(context.Stderr, TerminalBoardSettings.For(context))
            : SilentProgressBoard.Instance;
    }
}
