using System.Diagnostics;
using System.Text;
using Fleet.Cli.Tests.Harness;
using static Fleet.Cli.Tests.Remote.RemoteCluster;

namespace Fleet.Cli.Tests.Remote;

/// <summary>
/// The command line as a real process on a pseudo-terminal (util-linux's <c>script</c>), typed at
/// as a person would: fleetctl's host-key question answered on the terminal, and a remote shell
/// that gets a terminal of its own.
/// </summary>
public sealed class TerminalTests(RemoteCluster cluster) : IClassFixture<RemoteCluster>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_question_is_answered_on_the_terminal()
    {
        var knownHosts = System.IO.Path.Combine(folder.Path, "known_hosts");

        var (code, screen) = await OnTerminalAsync(
            ["--endpoint", $"unix://{cluster.Fleet.UnixSocketPath}", "--ssh-username", cluster.Sshd.User, "--known-hosts-file", knownHosts, "status", "--ssh-port", cluster.Port, "hello.service"],
            "yes\n");

        Assert.True(code == 0, screen);
        Assert.Contains($"The authenticity of host '[127.0.0.1]:{cluster.Port}' can't be established.", screen);
        Assert.Contains("Are you sure you want to continue connecting (yes/no)? ", screen);
        Assert.Contains($"Warning: Permanently added '[127.0.0.1]:{cluster.Port}' (ssh-ed25519) to the list of known hosts.", screen);
        Assert.True(screen.Contains(Called("systemctl", "status", "-l", "hello.service").TrimEnd('\n'), StringComparison.Ordinal), screen);
        Assert.Single(await File.ReadAllLinesAsync(knownHosts));
    }

    [Fact]
    public async Task A_shell_gets_a_terminal_of_its_own()
    {
        var (code, screen) = await OnTerminalAsync(cluster.Arguments("ssh", "--ssh-port", cluster.Port, "aaaa"), "echo $((6 * 7)); tty; exit\n");

        Assert.True(code == 0, screen);
        Assert.Contains("42", screen);
        Assert.Contains("/dev/pts/", screen);
    }

    // Runs the command line under script, which gives it a terminal and types what it is given.
    private async Task<(int Code, string Screen)> OnTerminalAsync(IEnumerable<string> arguments, string typed)
    {
        var inner = CliProcess.StartInfo(arguments, cluster.Environment);
        var commandLine = string.Join(' ', new[] { inner.FileName }.Concat(inner.ArgumentList).Select(ShellQuote));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--quiet", "--return", "--command", commandLine, "/dev/null" }) start.ArgumentList.Add(argument);
        foreach (var (name, value) in inner.Environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start");
        using var timeout = new CancellationTokenSource(Deadline);
        var screen = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer, timeout.Token)) > 0)
            {
                lock (screen) screen.Append(buffer, 0, read);
            }
        });
        try
        {
            await process.StandardInput.WriteAsync(typed);
            await process.StandardInput.FlushAsync();
            await process.WaitForExitAsync(timeout.Token);
            await reading;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        lock (screen) return (process.ExitCode, screen.ToString());
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
