using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Fleet.Tests.Shared.Ssh;

/// <summary>
/// A real OpenSSH <c>ssh-agent</c> of its own, listening on a socket in a fresh temporary
/// folder, for tests that sign through an agent. Disposing it kills the agent and deletes the folder.
/// </summary>
public sealed class TestSshAgent : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly string folder;
    private readonly StringBuilder output;
    private readonly string askPass;

    private TestSshAgent(Process process, string folder, string socketPath, string askPass, StringBuilder output)
    {
        this.process = process;
        this.folder = folder;
        this.askPass = askPass;
        this.output = output;
        SocketPath = socketPath;
    }

    /// <summary>The agent's socket: what <c>SSH_AUTH_SOCK</c> would hold.</summary>
    public string SocketPath { get; }

    /// <summary>Starts <c>ssh-agent -D</c> and waits until it accepts connections.</summary>
    /// <param name="ct">Stops waiting; the agent is then killed.</param>
    /// <returns>The running agent, holding no keys.</returns>
    /// <exception cref="InvalidOperationException">ssh-agent is missing, exited, or did not listen in time.</exception>
    public static async Task<TestSshAgent> StartAsync(CancellationToken ct = default)
    {
        var folder = Directory.CreateTempSubdirectory("fleet-agent-").FullName;
        var socketPath = Path.Combine(folder, "agent.sock");
        var askPass = WriteAskPassScript(folder);
        var start = new ProcessStartInfo("ssh-agent")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-D", "-a", socketPath]) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ssh-agent did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Directory.Delete(folder, recursive: true);
            throw new InvalidOperationException($"ssh-agent cannot be run ({e.Message}); test.sh installs Debian's openssh-client", e);
        }

        // Drained as it comes, so a chatty agent cannot block on a full pipe; kept for error messages.
        var output = new StringBuilder();
        void Keep(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null) return;
            lock (output) output.AppendLine(line.Data);
        }
        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var agent = new TestSshAgent(process, folder, socketPath, askPass, output);
        try
        {
            await agent.WaitUntilListeningAsync(ct).ConfigureAwait(false);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Adds a key with <c>ssh-add</c>; an encrypted key's passphrase is given through <c>SSH_ASKPASS</c>.</summary>
    /// <param name="key">The key pair to add.</param>
    /// <param name="ct">Stops waiting for ssh-add.</param>
    /// <returns>A task that completes when the agent holds the key.</returns>
    public async Task AddAsync(SshKeyPair key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var environment = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = SocketPath };
        if (key.Passphrase is not null)
        {
            // ssh-add reads a passphrase from a terminal or from SSH_ASKPASS; tests have no
            // terminal. The passphrase travels in the environment so nothing writes it to disk.
            environment["SSH_ASKPASS"] = askPass;
            environment["SSH_ASKPASS_REQUIRE"] = "force";
            environment["FLEET_TEST_PASSPHRASE"] = key.Passphrase;
            environment["DISPLAY"] = ":0";
        }
        await SshTool.RunAsync("ssh-add", [key.PrivateKeyPath], environment, ct).ConfigureAwait(false);
    }

    /// <summary>Kills the agent and deletes its folder.</summary>
    /// <returns>A task that completes when the agent has exited and the folder is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    // The socket file appears at bind(), before listen(): only a connection that succeeds shows the agent is ready.
    private async Task WaitUntilListeningAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ssh-agent exited with {process.ExitCode} before listening on {SocketPath}: {Output()}");
            }
            if (File.Exists(SocketPath))
            {
                using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await probe.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct).ConfigureAwait(false);
                    return;
                }
                catch (SocketException)
                {
                    // Bound but not yet listening: poll again.
                }
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"ssh-agent did not listen on {SocketPath} within {StartTimeout.TotalSeconds} s: {Output()}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10), ct).ConfigureAwait(false);
        }
    }

    // Made before any key is added, so concurrent adds do not race to write it.
    private static string WriteAskPassScript(string folder)
    {
        var path = Path.Combine(folder, "askpass");
        File.WriteAllText(path, "#!/bin/sh\nprintf '%s\\n' \"$FLEET_TEST_PASSPHRASE\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private string Output()
    {
        lock (output) return output.ToString().Trim();
    }
}
