namespace Fleet.Cli;

/// <summary>Where a run of the command line writes, what environment it sees, and what stops it.</summary>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="Variables">The environment variables, by name.</param>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>Whether standard output is a terminal that can take colour and cursor movement (decided once, at start).</summary>
    public bool StdoutIsTerminal { get; init; }

    /// <summary>Whether standard error is a terminal that can take colour and cursor movement (decided once, at start).</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary>The width the terminal reported at start, or null when there was none to ask (then <c>COLUMNS</c> decides).</summary>
    public int? TerminalWidth { get; init; }

    /// <summary>The command line's arguments as given, before any rewriting (fleetctl reads some rules from <c>os.Args</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Standard input as bytes: what a remote command or shell reads, and where fleetctl's host-key question is answered.</summary>
    public Stream Stdin { get; init; } = Stream.Null;

    /// <summary>Whether standard input is a terminal, so that a person can answer a question.</summary>
    public bool StdinIsTerminal { get; init; }

    /// <summary>fleetctl's <c>stderr()</c>: the text and a newline unless it ends in one.</summary>
    /// <param name="text">The message.</param>
    public void Error(string text) => Stderr.Write(text.EndsWith('\n') ? text : text + "\n");

    /// <summary>
    /// fleetctl's <c>stderr()</c> with a format that does not end in a newline: Go adds one after
    /// the formatted text whatever its arguments end in, so an error that ends in a line break
    /// (etcd's client's) leaves an empty line.
    /// </summary>
    /// <param name="text">The formatted message.</param>
    public void ErrorLine(string text) => Stderr.Write(text + "\n");

    /// <summary>fleetctl's <c>stdout()</c>: the text and a newline unless it ends in one.</summary>
    /// <param name="text">The message.</param>
    public void Out(string text) => Stdout.Write(text.EndsWith('\n') ? text : text + "\n");
}
