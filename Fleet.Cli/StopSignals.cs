using System.Runtime.InteropServices;

namespace Fleet.Cli;

/// <summary>
/// Ctrl+C, SIGTERM and SIGHUP turned into cancellation, so a command that is waiting puts the
/// terminal back (cursor shown, progress rows cleared) and removes what it made before it ends.
/// fleetctl dies of these signals; a shell then sees 128 plus the signal's number, and so it does here.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration[] registrations;
    private int received;

    /// <summary>Starts listening for the signals.</summary>
    public StopSignals() =>
        registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];

    /// <summary>Cancelled when one of the signals arrives.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>
    /// The exit code to end with: a command that failed because a signal stopped it ends as if the
    /// signal had killed it; one that treats the signal as its normal end (serve) keeps its 0.
    /// </summary>
    /// <param name="code">The command's exit code.</param>
    /// <returns>The process's exit code.</returns>
    public int ExitCode(int code) => code != 0 && Volatile.Read(ref received) is > 0 and var signal ? 128 + signal : code;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The command stops on the token and the process ends on its own, after its clean-up.
        context.Cancel = true;
        Interlocked.CompareExchange(ref received, Number(context.Signal), 0);
        stop.Cancel();
    }

    private static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        _ => 15,
    };
}
