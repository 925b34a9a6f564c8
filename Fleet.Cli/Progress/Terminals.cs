namespace Fleet.Cli.Progress;

/// <summary>What the command line may assume about the terminal it runs in.</summary>
internal static class Terminals
{
    private const int DefaultWidth = 80;

    /// <summary>
    /// Whether a standard stream is a terminal worth drawing on: not redirected, and not a terminal
    /// that declares itself unable to move the cursor (<c>TERM=dumb</c>).
    /// </summary>
    /// <param name="redirected">Whether the stream goes to a file or a pipe.</param>
    /// <param name="variables">The environment variables.</param>
    /// <returns>Whether progress and colour may be drawn on it.</returns>
    public static bool IsTerminal(bool redirected, IReadOnlyDictionary<string, string> variables) =>
        !redirected && !(variables.TryGetValue("TERM", out var term) && term == "dumb");

    /// <summary>Whether colour is wanted: not when <c>NO_COLOR</c> holds anything (no-color.org).</summary>
    /// <param name="variables">The environment variables.</param>
    /// <returns>Whether to colour.</returns>
    public static bool Colour(IReadOnlyDictionary<string, string> variables) =>
        !(variables.TryGetValue("NO_COLOR", out var value) && value.Length > 0);

    /// <summary>Whether the locale says the terminal shows UTF-8 (the spinner's braille and the arrow need it).</summary>
    /// <param name="variables">The environment variables.</param>
    /// <returns>Whether to draw beyond ASCII.</returns>
    public static bool Unicode(IReadOnlyDictionary<string, string> variables)
    {
        // The first of these that is set decides, as in C's setlocale.
        foreach (var name in new[] { "LC_ALL", "LC_CTYPE", "LANG" })
        {
            if (variables.TryGetValue(name, out var locale) && locale.Length > 0)
            {
                return locale.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || locale.Contains("utf8", StringComparison.OrdinalIgnoreCase);
            }
        }
        return false;
    }

    /// <summary>The width the terminal reports for this process, or null when there is none to ask.</summary>
    /// <returns>The columns, or null.</returns>
    public static int? WindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The terminal's width in columns: what it reported, else <c>COLUMNS</c>, else 80.</summary>
    /// <param name="reported">The width the terminal reported at start (<see cref="CliContext.TerminalWidth"/>), or null.</param>
    /// <param name="variables">The environment variables.</param>
    /// <returns>The width.</returns>
    public static int Width(int? reported, IReadOnlyDictionary<string, string> variables)
    {
        if (reported is > 0) return reported.Value;
        return variables.TryGetValue("COLUMNS", out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns > 0
            ? columns
            : DefaultWidth;
    }
}
