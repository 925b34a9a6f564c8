using System.Diagnostics;
using System.Text;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// The command line as a process on a pseudo-terminal (util-linux <c>script</c>, which copies
/// what the terminal shows to its own output): <c>start</c> draws its progress there and leaves
/// fleetctl's lines, and with <c>TERM=dumb</c> it draws nothing.
/// </summary>
public sealed class PseudoTerminalTests : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();
    private ServedFleet fleet = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        File.Copy(Path.Combine(ReferenceStep.Folder, "units", "hello.service"), Path.Combine(folder.Path, "hello.service"));
        fleet = await ServedFleet.StartAsync(FleetTransport.Tcp);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await fleet.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task StartShowsProgressOnATerminalAndLeavesFleetctlsLines()
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
    public async Task ADumbTerminalGetsPlainText()
    {
        var (exit, shown) = await RunOnTerminalAsync("dumb", "start", "--no-block", "hello.service");

        Assert.Equal(0, exit);
        Assert.Equal("Unit hello.service inactive\r\nTriggered unit hello.service start\r\nTriggered unit hello.service start\r\n", shown);
    }

    private async Task<(int Exit, string Shown)> RunOnTerminalAsync(string term, params string[] arguments)
    {
        var command = string.Join(' ', new[] { "dotnet", CliProcess.AssemblyPath, "--endpoint", fleet.Server.Endpoint }.Concat(arguments).Select(Quote));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        foreach (var argument in new[] { "--quiet", "--return", "--command", command, "/dev/null" }) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("FLEETCTL_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["TERM"] = term;
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment.Remove("NO_COLOR");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start");
        using var deadline = new CancellationTokenSource(CliProcess.DefaultDeadline);
        try
        {
            // Standard input stays open until the end: script passes its end on to the terminal.
            var output = ReadAllAsync(process.StandardOutput.BaseStream, deadline.Token);
            var errors = ReadAllAsync(process.StandardError.BaseStream, deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            Assert.Equal("", await errors);
            return (process.ExitCode, await output);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<string> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return new UTF8Encoding(false, true).GetString(buffer.ToArray());
    }
}
