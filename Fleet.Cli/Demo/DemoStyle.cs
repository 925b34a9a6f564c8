namespace Fleet.Cli.Demo;

/// <summary>How the demo marks its own lines: bold colours on a terminal that takes them, plain text otherwise.</summary>
/// <param name="Colour">Whether to colour.</param>
internal sealed record DemoStyle(bool Colour)
{
    private const string Reset = "\e[0m";

    /// <summary>A command line as the user would type it: bold cyan.</summary>
    /// <param name="text">The line.</param>
    /// <returns>The line, styled.</returns>
    public string Command(string text) => Colour ? $"\e[1;36m{text}{Reset}" : text;

    /// <summary>The closing line: bold green.</summary>
    /// <param name="text">The line.</param>
    /// <returns>The line, styled.</returns>
    public string Done(string text) => Colour ? $"\e[1;32m{text}{Reset}" : text;
}
