using System.Diagnostics;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>
/// A command stopped while it waits: SIGTERM (as <c>timeout</c> sends) and Ctrl+C end it as the
/// signal would end fleetctl, 128 plus the signal's number, after it has put the terminal back.
/// </summary>
public sealed class SignalTests : FleetFolderTest
{
    private const int SigTerm = 15;
    private const int SigInt = 2;

    // No machine has region=mars, so starting it waits until stopped.
    /// <inheritdoc />
    protected override IEnumerable<string> ReferenceUnits => ["nowhere.service"];

    [Theory]
    [InlineData(SigTerm, 143)]
    [InlineData(SigInt, 130)]
    public async Task A_waiting_start_ends_as_the_signal_would_end_fleetctl(int signal, int exitCode)
    {
        var start = CliProcess.StartInfo(["--endpoint", Fleet.Server.Endpoint, "start", "nowhere.service"], workingDirectory: Folder.Path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("fleetctl-net did not start");
        using var deadline = new CancellationTokenSource(CliProcess.DefaultDeadline);
        try
        {
            var errors = process.StandardError.ReadToEndAsync(deadline.Token);
            // Its first line comes once the unit is created; from then on it waits.
            Assert.Equal("Unit nowhere.service inactive", await process.StandardOutput.ReadLineAsync(deadline.Token));
            await SendAsync(process.Id, signal, deadline.Token);
            await process.WaitForExitAsync(deadline.Token);

            Assert.Equal(exitCode, process.ExitCode);
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync(deadline.Token));
            Assert.Equal("", await errors);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_stopped_wait_leaves_the_terminal_as_it_found_it()
    {
        var terminal = new SharedTerminal();
        var context = new CliContext(terminal, terminal, new Dictionary<string, string> { ["LANG"] = "C.UTF-8", ["NO_COLOR"] = "1", ["COLUMNS"] = "100" })
        {
            StdoutIsTerminal = true,
            StderrIsTerminal = true,
        };
        using var stop = new CancellationTokenSource();
        var run = FleetctlApp.RunAsync(["--endpoint", Fleet.Server.Endpoint, "start", Path.Combine(Folder.Path, "nowhere.service")], context, stop.Token);

        using var deadline = new CancellationTokenSource(CliProcess.DefaultDeadline);
        while (!terminal.Snapshot().Contains("→ launched", StringComparison.Ordinal)) await Task.Delay(20, deadline.Token);
        await stop.CancelAsync();
        var exit = await run.WaitAsync(deadline.Token);

        Assert.NotEqual(0, exit);
        var screen = VirtualTerminal.Play(terminal.Snapshot());
        Assert.Equal(["Unit nowhere.service inactive"], screen.Screen);
        Assert.True(screen.CursorVisible);
    }

    // kill(1): .NET sends only SIGKILL to another process.
    private static async Task SendAsync(int pid, int signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    // A terminal written from the command's threads and read by the test while it runs.
    private sealed class SharedTerminal : StringWriter
    {
        private readonly Lock gate = new();

        public SharedTerminal() => NewLine = "\n";

        public override void Write(char value)
        {
            lock (gate) base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (gate) base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (gate) base.Write(buffer, index, count);
        }

        public string Snapshot()
        {
            lock (gate) return ToString();
        }
    }
}
