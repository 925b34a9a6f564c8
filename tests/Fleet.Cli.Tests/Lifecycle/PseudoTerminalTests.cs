using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// The command line as a process on a pseudo-terminal (util-linux <c>script</c>, which copies
/// what the terminal shows to its own output): <c>start</c> draws its progress there and leaves
/// fleetctl's lines, and with <c>TERM=dumb</c> it draws nothing.
/// </summary>
public sealed class PseudoTerminalTests : FleetFolderTest
{
    /// <inheritdoc />
    protected override IEnumerable<string> ReferenceUnits => ["hello.service"];

    [Fact]
    public async Task Start_shows_progress_on_a_terminal_and_leaves_fleetctls_lines()
    {
        var (exit, shown) = await RunOnTerminalAsync("xterm-256color", "start", "hello.service");

        Assert.Equal(0, exit);
        Assert.Contains("\u001b[?25l", shown, StringComparison.Ordinal);
        Assert.Contains("hello.service", shown.Replace("Unit hello.service", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var screen = VirtualTerminal.Play(shown);
        Assert.Equal(["Unit hello.service inactive", "Unit hello.service launched on 222f532f.../172.17.8.101"], screen.Screen);
        Assert.True(screen.CursorVisible);
    }

    [Fact]
    public async Task A_dumb_terminal_gets_plain_text()
    {
        var (exit, shown) = await RunOnTerminalAsync("dumb", "start", "--no-block", "hello.service");

        Assert.Equal(0, exit);
        Assert.Equal("Unit hello.service inactive\r\nTriggered unit hello.service start\r\nTriggered unit hello.service start\r\n", shown);
    }

    private Task<(int Exit, string Shown)> RunOnTerminalAsync(string term, params string[] arguments) =>
        PseudoTerminal.RunAsync(term, Folder.Path, ["--endpoint", Fleet.Server.Endpoint, .. arguments]);
}
