using System.Diagnostics;
using System.Text;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Remote;

/// <summary>
/// The command line as a real process with an environment of the test's, whose standard input the
/// test writes and closes when it likes (a pipe: never a terminal), and whose output it can wait for.
/// </summary>
internal sealed class StdioProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Task reading;
    private readonly Task<string> error;

    private StdioProcess(Process process)
    {
        this.process = process;
        reading = ReadOutputAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts the command line.</summary>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables to set.</param>
    /// <returns>The running process, its input open.</returns>
    public static StdioProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment) =>
        new(Process.Start(CliProcess.StartInfo(arguments, environment)) ?? throw new InvalidOperationException("fleetctl-net did not start"));

    /// <summary>Writes to the process's standard input.</summary>
    /// <param name="text">What to write.</param>
    public async Task WriteAsync(string text)
    {
        await process.StandardInput.WriteAsync(text);
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Closes the process's standard input.</summary>
    public void CloseInput() => process.StandardInput.Close();

    /// <summary>Standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>Waits until standard output holds <paramref name="text"/>.</summary>
    /// <param name="text">What to wait for.</param>
    /// <param name="deadline">How long to wait.</param>
    public async Task WaitForOutputAsync(string text, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                if (reading.IsCompleted && !Output.Contains(text, StringComparison.Ordinal)) throw new InvalidOperationException($"the output ended without {text}: {Output}");
                await arrived.WaitAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {text} in the output within {deadline}: {Output}");
        }
    }

    /// <summary>Sends the process a signal with the system's <c>kill</c>.</summary>
    /// <param name="signal">The signal's name, as in <c>INT</c>.</param>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end.</summary>
    /// <param name="deadline">How long it may take.</param>
    /// <returns>What it did.</returns>
    public async Task<CliResult> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the command line did not end within {deadline}; output so far: {Output}");
        }
        await reading;
        return new CliResult(process.ExitCode, Output, await error);
    }

    private async Task ReadOutputAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (output) output.Append(buffer, 0, read);
            arrived.Release();
        }
        arrived.Release();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        arrived.Dispose();
    }
}
