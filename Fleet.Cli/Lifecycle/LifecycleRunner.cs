using System.CommandLine;
using Fleet.Cli.Parsing;
using Fleet.Cli.Progress;

namespace Fleet.Cli.Lifecycle;

/// <summary>Runs a lifecycle command's work in a session with a progress board, and closes both after it.</summary>
internal static class LifecycleRunner
{
    /// <summary>
    /// Makes <paramref name="work"/> the command's action: the client is set up from the global
    /// flags, and a run without units prints fleetctl's <c>No units given</c> and ends with 0.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="context">Where the run writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <param name="work">The command's work, given the session, the parsed line and the units' arguments.</param>
    public static void SetAction(Command command, CliContext context, GlobalOptions globals, Func<LifecycleSession, ParseResult, string[], CancellationToken, Task<int>> work) =>
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => RunAsync(context, setup, (session, t) =>
        {
            var args = parse.GetValue<string[]>("args") ?? [];
            if (args.Length > 0) return work(session, parse, args, t);
            session.Error("No units given");
            return Task.FromResult(0);
        }, token), cancellationToken));

    /// <summary>Runs <paramref name="work"/>.</summary>
    /// <param name="context">Where the run writes.</param>
    /// <param name="setup">How to reach fleet.</param>
    /// <param name="work">The command's work.</param>
    /// <param name="cancellationToken">Stops it.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(CliContext context, ClientSetup setup, Func<LifecycleSession, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        // --debug logs each exchange to standard error as it happens, between the board's frames,
        // which would then erase the wrong lines: the log is what a debugging user wants to see.
        await using var board = setup.Options.Logger is null ? ProgressBoard.For(context) : SilentProgressBoard.Instance;
        await using var session = new LifecycleSession(context, setup, board, WaitTiming.Fleetctl);
        return await work(session, cancellationToken).ConfigureAwait(false);
    }
}
