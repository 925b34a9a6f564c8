using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Fleet.Simulator.Tests.Standalone;

/// <summary>
/// Fleet.Simulator.Server as a real child process (the build copies it beside the tests), with its
/// output captured; every wait is bounded, and disposal kills whatever is still running.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Fleet.Simulator.Server.dll");

    private readonly Process process;
    private readonly Task<string> standardError;

    private ServerProcess(Process process)
    {
        this.process = process;
        standardError = process.StandardError.ReadToEndAsync();
    }

    public static ServerProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A child inherits an ignored SIGINT (a test run started in the background has one), and
        // .NET keeps it ignored; env restores the default so Ctrl+C is tested as a terminal sends it.
        if (SigIntIgnoredHere())
        {
            start.FileName = "env";
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add(DotnetHost());
        }
        else
        {
            start.FileName = DotnetHost();
        }
        start.ArgumentList.Add(ServerDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("the server process did not start"));
    }

    /// <summary>Everything the server wrote to stderr, once it has exited.</summary>
    public Task<string> StandardError => standardError;

    /// <summary>The server's announcement: its stdout lines up to and with <c>machines: N</c>.</summary>
    public async Task<IReadOnlyList<string>> ReadAnnouncementAsync()
    {
        var lines = new List<string>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var remaining = Deadline - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero) throw new TimeoutException($"no announcement within {Deadline}; stdout so far: {string.Join(" | ", lines)}");
            // A read on a pipe may not observe a token; a timeout on the wait always ends it.
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(remaining);
            if (line is null)
            {
                throw new InvalidOperationException($"the server closed stdout before announcing; stdout: {string.Join(" | ", lines)}; stderr: {await StandardErrorSoonAsync()}");
            }
            lines.Add(line);
            if (line.StartsWith("machines:", StringComparison.Ordinal)) return lines;
        }
    }

    /// <summary>Everything the server wrote to stdout, once it has exited.</summary>
    public Task<string> ReadRestOfStandardOutputAsync() => process.StandardOutput.ReadToEndAsync().WaitAsync(Deadline);

    public void Signal(int signal)
    {
        if (Kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(Deadline);
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }

    private async Task<string> StandardErrorSoonAsync()
    {
        try
        {
            return await standardError.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            return "(still open)";
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    // /proc/self/status lists ignored signals as a hex mask; bit n-1 is signal n. Off Linux there
    // is no such file and no env --default-signal either.
    private static bool SigIntIgnoredHere()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return false;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (SIGINT - 1))) != 0;
    }

    // DllImport rather than LibraryImport: the generated stub would need unsafe code in this project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
