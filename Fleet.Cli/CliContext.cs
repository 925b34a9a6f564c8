namespace Fleet.Cli;

/// <summary>Where a run of the command line writes, what environment it sees, and what stops it.</summary>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="Variables">The environment variables, by name.</param>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>Standard input as bytes: what a remote command or shell reads, and where fleetctl's host-key question is answered.</summary>
    public Stream Stdin { get; init; } = Stream.Null;

    /// <summary>Whether standard input is a terminal, so that a person can answer a question.</summary>
    public bool StdinIsTerminal { get; init; }

    /// <summary>fleetctl's <c>stderr()</c>: the text and a newline unless it ends in one.</summary>
    /// <param name="text">The message.</param>
    public void Error(string text) => Stderr.Write(text.EndsWith('\n') ? text : text + "\n");

    /// <summary>fleetctl's <c>stdout()</c>: the text and a newline unless it ends in one.</summary>
    /// <param name="text">The message.</param>
    public void Out(string text) => Stdout.Write(text.EndsWith('\n') ? text : text + "\n");
}
