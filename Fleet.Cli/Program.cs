using System.Collections;
using Fleet.Cli;
using Fleet.Cli.Progress;

var variables = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables()) variables[(string)entry.Key] = (string?)entry.Value ?? "";

// Go writes "\n" on every platform, and scripts compare fleetctl's bytes.
using var stdout = new StreamWriter(Console.OpenStandardOutput()) { NewLine = "\n", AutoFlush = false };
using var stderr = new StreamWriter(Console.OpenStandardError()) { NewLine = "\n", AutoFlush = true };
using var signals = new StopSignals();
var context = new CliContext(stdout, stderr, variables)
{
    StdoutIsTerminal = Terminals.IsTerminal(Console.IsOutputRedirected, variables),
    StderrIsTerminal = Terminals.IsTerminal(Console.IsErrorRedirected, variables),
    TerminalWidth = Terminals.WindowWidth(),
};
var code = await FleetctlApp.RunAsync(args, context, signals.Token).ConfigureAwait(false);
await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
return signals.ExitCode(code);
