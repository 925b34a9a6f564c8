using System.Diagnostics;
using System.Text;

namespace Fleet.Cli.Tests.Harness;

/// <summary>
/// The command line as a real process that a test talks to while it runs: its standard input
/// stays open until the test closes it, its standard output is read as the test likes, and its
/// standard error is collected. Disposing kills it if it is still running.
/// </summary>
internal sealed class RunningCli : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task<string> stderr;

    private RunningCli(Process process)
    {
        this.process = process;
        stderr = ReadAllAsync(process.StandardError.BaseStream);
    }

    /// <summary>The process's id, for signals.</summary>
    public int Id => process.Id;

    /// <summary>The process's standard input.</summary>
    public Stream Input => process.StandardInput.BaseStream;

    /// <summary>The process's standard output.</summary>
    public Stream Output => process.StandardOutput.BaseStream;

    /// <summary>Starts the command line.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The running process.</returns>
    public static RunningCli Start(IEnumerable<string> arguments) =>
        new(Process.Start(CliProcess.StartInfo(arguments)) ?? throw new InvalidOperationException("fleetctl-net did not start"));

    /// <summary>Reads standard output up to and including the first line that contains <paramref name="text"/>.</summary>
    /// <param name="text">What the line holds.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Everything read, or null when the output ended first.</returns>
    public async Task<string?> ReadUntilLineAsync(string text, CancellationToken cancellationToken)
    {
        var read = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            read.Append(line).Append('\n');
            if (line.Contains(text, StringComparison.Ordinal)) return read.ToString();
        }
        return null;
    }

    /// <summary>Sends the process a signal with the system's <c>kill</c>.</summary>
    /// <param name="signal">The signal's name, as in <c>TERM</c>.</param>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end.</summary>
    /// <param name="deadline">How long it may take.</param>
    /// <returns>The exit code and standard error; standard output is the test's to read.</returns>
    public async Task<(int ExitCode, string Stderr)> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the command line did not end within {deadline}; its standard error so far is not available until it does");
        }
        return (process.ExitCode, await stderr);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
