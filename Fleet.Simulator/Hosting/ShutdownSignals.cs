using System.Runtime.InteropServices;

namespace Fleet.Simulator.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM as a <see cref="CancellationToken"/>: the first of them cancels
/// <see cref="Token"/> instead of ending the process, so its host can stop cleanly; a second one
/// ends the process as usual, for a stop that hangs.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    public ShutdownSignals()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Stops listening; signals have their default effect again.</summary>
    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (stop.IsCancellationRequested) return;
        try
        {
            // CancelAsync runs the stop on the thread pool, not on the runtime's signal thread.
            _ = stop.CancelAsync();
            context.Cancel = true;
        }
        catch (ObjectDisposedException)
        {
            // A signal that raced Dispose: nobody waits for the token any more, so let it act as usual.
        }
    }
}
