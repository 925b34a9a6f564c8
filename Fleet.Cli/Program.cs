using System.Collections;
using Fleet.Cli;
using Fleet.Cli.Forwarding;
using Fleet.Cli.Progress;

var variables = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables()) variables[(string)entry.Key] = (string?)entry.Value ?? "";

// Go writes "\n" on every platform, and scripts compare fleetctl's bytes.
using var stdout = new StreamWriter(Console.OpenStandardOutput()) { NewLine = "\n", AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError()) { NewLine = "\n", AutoFlush = true };
using var signals = new StopSignals();
// Descriptor 0 itself rather than Console.In: on a terminal Console.In would take over the
// terminal's line editing, and a remote shell needs the bytes as they are typed.
await using var stdin = StandardStreams.OpenInput();
var context = new CliContext(stdout, stderr, variables)
{
    StdoutIsTerminal = Terminals.IsTerminal(Console.IsOutputRedirected, variables),
    StderrIsTerminal = Terminals.IsTerminal(Console.IsErrorRedirected, variables),
    TerminalWidth = Terminals.WindowWidth(),
    Stdin = stdin,
    StdinIsTerminal = !Console.IsInputRedirected,
};
var code = await FleetctlApp.RunAsync(args, context, signals.Token).ConfigureAwait(false);
await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
return signals.ExitCode(code);
