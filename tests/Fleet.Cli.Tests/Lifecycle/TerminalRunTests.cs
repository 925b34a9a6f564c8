using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// <c>start</c> run in-process with its standard output and error on one stand-in terminal: on a
/// terminal the progress board is drawn while it waits and nothing of it stays; off one, the bytes
/// are fleetctl's alone.
/// </summary>
public sealed class TerminalRunTests : FleetFolderTest
{
    private const string Expected = "Unit hello.service inactive\nUnit hello.service launched on 222f532f.../172.17.8.101\n";

    private readonly StringWriter terminal = new() { NewLine = "\n" };

    // A wait that regresses fails the test instead of hanging the run.
    private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(30));

    /// <inheritdoc />
    protected override IEnumerable<string> ReferenceUnits => ["hello.service"];

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        deadline.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task On_a_terminal_progress_is_drawn_and_only_fleetctls_lines_stay()
    {
        var context = new CliContext(terminal, terminal, new Dictionary<string, string> { ["LANG"] = "C.UTF-8", ["NO_COLOR"] = "1", ["COLUMNS"] = "100" })
        {
            StdoutIsTerminal = true,
            StderrIsTerminal = true,
        };

        var exit = await FleetctlApp.RunAsync(["--endpoint", Fleet.Server.Endpoint, "start", Path.Combine(Folder.Path, "hello.service")], context, deadline.Token);

        var drawn = terminal.ToString();
        Assert.Equal(0, exit);
        // The rows while it waited: for the creation, for launched, and for systemd's active state.
        Assert.Contains("hello.service  - → inactive", drawn, StringComparison.Ordinal);
        Assert.Contains("→ launched", drawn, StringComparison.Ordinal);
        Assert.Contains("→ active", drawn, StringComparison.Ordinal);
        var screen = VirtualTerminal.Play(drawn);
        Assert.Equal(Expected.TrimEnd('\n').Split('\n'), screen.Screen);
        Assert.True(screen.CursorVisible);
    }

    [Fact]
    public async Task Off_a_terminal_the_output_is_fleetctls_alone()
    {
        var context = new CliContext(terminal, terminal, new Dictionary<string, string> { ["LANG"] = "C.UTF-8" });

        var exit = await FleetctlApp.RunAsync(["--endpoint", Fleet.Server.Endpoint, "start", Path.Combine(Folder.Path, "hello.service")], context, deadline.Token);

        Assert.Equal(0, exit);
        Assert.Equal(Expected, terminal.ToString());
    }
}
