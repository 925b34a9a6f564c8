using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fleet.Tests.Shared.Ssh;

/// <summary>
/// A real OpenSSH <c>sshd</c> on a free loopback port, with host keys (ed25519, ecdsa, rsa) and an
/// authorised client key that it generates in a temporary folder of its own. Disposing stops it
/// and removes the folder. It logs in the user the tests run as, with keys only.
/// </summary>
public sealed class TestSshServer : IAsyncDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly Process process;

    private TestSshServer(string folder, int port, Process process, IReadOnlyList<SshKeyPair> hostKeys, SshKeyPair clientKey)
    {
        Folder = folder;
        Port = port;
        this.process = process;
        HostKeys = hostKeys;
        ClientKey = clientKey;
    }

    /// <summary>The loopback address sshd listens on.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port sshd listens on.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as a tunnel option takes it.</summary>
    public string Tunnel => $"{Host}:{Port}";

    /// <summary>The user sshd logs in: the one running the tests.</summary>
    public string User => System.Environment.UserName;

    /// <summary>The folder holding keys, configuration and log; removed on dispose.</summary>
    public string Folder { get; }

    /// <summary>The server's host keys: ed25519, ecdsa and rsa, in that order.</summary>
    public IReadOnlyList<SshKeyPair> HostKeys { get; }

    /// <summary>An ed25519 client key that sshd accepts.</summary>
    public SshKeyPair ClientKey { get; }

    /// <summary>Whether the sshd process is still running.</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>sshd's log so far, for failure messages.</summary>
    public string Log => DaemonProcess.ReadLog(LogPath);

    private string LogPath => Path.Combine(Folder, "sshd.log");

    /// <summary>The known_hosts line for one of the host keys, as <c>ssh-keyscan</c> writes it for this port.</summary>
    /// <param name="hostKey">One of <see cref="HostKeys"/>.</param>
    /// <returns>For example <c>[127.0.0.1]:40222 ssh-ed25519 AAAA...</c>.</returns>
    public string KnownHostsLine(SshKeyPair hostKey)
    {
        var fields = hostKey.PublicKeyLine.Split(' ');
        return $"[{Host}]:{Port} {fields[0]} {fields[1]}";
    }

    /// <summary>Starts sshd and waits until it listens.</summary>
    /// <param name="options">Its configuration; the defaults allow forwarding.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<TestSshServer> StartAsync(TestSshServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestSshServerOptions();
        if (!File.Exists(Sshd)) throw new InvalidOperationException($"{Sshd} is missing; test.sh installs Debian's openssh-server");
        // sshd refuses to start without its privilege-separation folder.
        try
        {
            Directory.CreateDirectory("/run/sshd");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException("sshd needs /run/sshd; create it as root (mkdir -m 0755 /run/sshd)", e);
        }

        var folder = Directory.CreateTempSubdirectory("fleet-sshd-").FullName;
        try
        {
            var hostKeys = await Task.WhenAll(
                SshKeyPair.GenerateAsync(folder, "host_ed25519", "ed25519", cancellationToken: cancellationToken),
                SshKeyPair.GenerateAsync(folder, "host_ecdsa", "ecdsa", cancellationToken: cancellationToken),
                SshKeyPair.GenerateAsync(folder, "host_rsa", "rsa", cancellationToken: cancellationToken)).ConfigureAwait(false);
            var clientKey = await SshKeyPair.GenerateAsync(folder, "client_ed25519", cancellationToken: cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(folder, "authorized_keys"), clientKey.PublicKeyLine + "\n", cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.Combine(folder, "home"));
            var config = Path.Combine(folder, "sshd_config");
            await File.WriteAllTextAsync(config, Configuration(folder, hostKeys, options), cancellationToken).ConfigureAwait(false);

            // A free port can be taken between the probe and sshd's bind: try a few.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var (process, error) = await LaunchAsync(folder, config, port, cancellationToken).ConfigureAwait(false);
                if (process is not null) return new TestSshServer(folder, port, process, hostKeys, clientKey);
                if (attempt == 3 || !error.Contains("Address already in use", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"sshd did not start: {error}");
                }
            }
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Authorises another client key.</summary>
    /// <param name="key">The key pair whose public key sshd should accept.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>When the key is authorised.</returns>
    public Task AuthorizeAsync(SshKeyPair key, CancellationToken cancellationToken = default) =>
        File.AppendAllTextAsync(Path.Combine(Folder, "authorized_keys"), key.PublicKeyLine + "\n", cancellationToken);

    /// <summary>Kills sshd and every session it serves at once (SIGKILL), as a crashed or rebooted host would drop them.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
    }

    /// <summary>
    /// Kills the processes serving the current SSH connections (SIGKILL) and leaves the listener
    /// running: every session drops at once, and the next connection is served as usual.
    /// </summary>
    /// <returns>How many connections were dropped.</returns>
    public int DropSessions()
    {
        var dropped = 0;
        foreach (var child in ChildrenOf(process.Id))
        {
            try
            {
                using var session = Process.GetProcessById(child);
                session.Kill(entireProcessTree: true);
                dropped++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended on its own meanwhile.
            }
        }
        return dropped;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == parent.ToString(System.Globalization.CultureInfo.InvariantCulture)) yield return pid;
        }
    }

    private static string Configuration(string folder, IEnumerable<SshKeyPair> hostKeys, TestSshServerOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine("ListenAddress 127.0.0.1");
        foreach (var key in hostKeys) text.AppendLine($"HostKey {key.PrivateKeyPath}");
        text.AppendLine("PidFile none");
        text.AppendLine($"AuthorizedKeysFile {Path.Combine(folder, "authorized_keys")}");
        // The folder lives under /tmp, which StrictModes would refuse.
        text.AppendLine("StrictModes no");
        text.AppendLine("UsePAM no");
        text.AppendLine("PermitRootLogin prohibit-password");
        text.AppendLine("PasswordAuthentication no");
        text.AppendLine("KbdInteractiveAuthentication no");
        text.AppendLine($"AllowTcpForwarding {(options.AllowForwarding ? "yes" : "no")}");
        text.AppendLine($"AllowStreamLocalForwarding {(options.AllowForwarding ? "yes" : "no")}");
        text.AppendLine($"MaxSessions {options.MaxSessions}");
        text.AppendLine("MaxStartups 100");
        // Sessions get an empty home of their own: the test user's shell start-up files (a
        // .bashrc that runs pyenv, say) would otherwise run for every exec channel, slowly.
        var environment = new Dictionary<string, string> { ["HOME"] = Path.Combine(folder, "home") };
        foreach (var (name, value) in options.Environment) environment[name] = value;
        // sshd takes only the first SetEnv line, so every variable goes on that one.
        text.AppendLine("SetEnv " + string.Join(' ', environment.Select(variable => $"{variable.Key}=\"{variable.Value}\"")));
        text.AppendLine("LogLevel DEBUG1");
        return text.ToString();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<(Process? Process, string Error)> LaunchAsync(string folder, string config, int port, CancellationToken cancellationToken)
    {
        var log = Path.Combine(folder, "sshd.log");
        File.Delete(log);
        // An absolute path: sshd re-executes itself for every connection.
        var start = new ProcessStartInfo(Sshd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-D", "-f", config, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-E", log }) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start");

        var ready = $"Server listening on 127.0.0.1 port {port}.";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartDeadline);
        try
        {
            while (true)
            {
                var text = DaemonProcess.ReadLog(log);
                if (text.Contains(ready, StringComparison.Ordinal)) return (process, "");
                if (process.HasExited)
                {
                    var stderr = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    var exit = process.ExitCode;
                    process.Dispose();
                    return (null, $"exit {exit}: {stderr.Trim()} {text.Trim()}");
                }
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            DaemonProcess.Stop(process);
            return (null, $"not listening within {StartDeadline.TotalSeconds} s: {DaemonProcess.ReadLog(log).Trim()}");
        }
        catch
        {
            DaemonProcess.Stop(process);
            throw;
        }
    }

    /// <summary>Stops sshd and its sessions and removes the folder.</summary>
    /// <returns>When everything is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        await DaemonProcess.StopAsync(process).ConfigureAwait(false);
        Directory.Delete(Folder, recursive: true);
    }
}
