using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Fleet.Tests.Shared.Etcd;

/// <summary>
/// A real etcd (Debian's <c>etcd-server</c>, 3.4) with its v2 keys API on, alone in a cluster of
/// one, listening on free loopback ports with a temporary data folder of its own. Disposing stops
/// it by its process id and removes the folder. Each instance has its own ports and folder, so
/// tests may run several at once. With <see cref="EtcdServerTls"/> it serves https only.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly Process process;

    private EtcdServer(string folder, int clientPort, Process process, bool tls)
    {
        Folder = folder;
        ClientPort = clientPort;
        this.process = process;
        ClientUrl = tls ? $"https://localhost:{clientPort}" : $"http://127.0.0.1:{clientPort}";
    }

    /// <summary>The port of etcd's client URL.</summary>
    public int ClientPort { get; }

    /// <summary>
    /// etcd's client URL as fleetctl's <c>--endpoint</c> takes it: <c>http://127.0.0.1:PORT</c>, or
    /// with TLS <c>https://localhost:PORT</c> (the name test certificates carry).
    /// </summary>
    public string ClientUrl { get; }

    /// <summary>The folder holding the data and the log; removed on dispose.</summary>
    public string Folder { get; }

    /// <summary>etcd's log so far, for failure messages.</summary>
    public string Log => DaemonProcess.ReadLog(LogPath(Folder));

    /// <summary>Whether the etcd process is still running.</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>Starts etcd and waits until its v2 keys API answers.</summary>
    /// <param name="tls">The certificate to serve https with, and a CA that must sign clients' certificates; plain http when null.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<EtcdServer> StartAsync(EtcdServerTls? tls = null, CancellationToken cancellationToken = default)
    {
        var etcd = FindEtcd() ?? throw new InvalidOperationException("etcd is not on PATH; test.sh installs Debian's etcd-server");
        var folder = Directory.CreateTempSubdirectory("fleet-etcd-").FullName;
        try
        {
            // A free port can be taken between the probe and etcd's bind: try a few.
            for (var attempt = 1; ; attempt++)
            {
                var (clientPort, peerPort) = (FreePort(), FreePort());
                var (process, error) = await LaunchAsync(etcd, folder, clientPort, peerPort, tls, cancellationToken).ConfigureAwait(false);
                if (process is not null) return new EtcdServer(folder, clientPort, process, tls is not null);
                if (attempt == 3 || !error.Contains("address already in use", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"etcd did not start: {error}");
                }
            }
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    private static string? FindEtcd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "etcd"))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string LogPath(string folder) => Path.Combine(folder, "etcd.log");

    private static async Task<(Process? Process, string Error)> LaunchAsync(string etcd, string folder, int clientPort, int peerPort, EtcdServerTls? tls, CancellationToken cancellationToken)
    {
        var data = Path.Combine(folder, "data");
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        File.Delete(LogPath(folder));
        var client = $"{(tls is null ? "http" : "https")}://127.0.0.1:{clientPort.ToString(CultureInfo.InvariantCulture)}";
        var peer = $"http://127.0.0.1:{peerPort.ToString(CultureInfo.InvariantCulture)}";
        // Output goes to the log file; the standard streams are not redirected, so nothing can fill up and block etcd.
        var start = new ProcessStartInfo(etcd) { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--name", "fleet-test", "--data-dir", data, "--enable-v2=true",
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", $"fleet-test={peer}", "--initial-cluster-state", "new",
            "--logger", "zap", "--log-outputs", LogPath(folder),
        })
        {
            start.ArgumentList.Add(argument);
        }
        if (tls is not null)
        {
            foreach (var argument in new[] { "--cert-file", tls.CertFile, "--key-file", tls.KeyFile }) start.ArgumentList.Add(argument);
            if (tls.ClientCaFile is { } clientCa)
            {
                foreach (var argument in new[] { "--client-cert-auth", "--trusted-ca-file", clientCa }) start.ArgumentList.Add(argument);
            }
        }
        // etcd reads ETCD_* variables as flags: none of the machine's may change this one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ETCD_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        var process = Process.Start(start) ?? throw new InvalidOperationException("etcd did not start");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartDeadline);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    var exit = process.ExitCode;
                    process.Dispose();
                    return (null, $"exit {exit}: {DaemonProcess.ReadLog(LogPath(folder)).Trim()}");
                }
                try
                {
                    // Over TLS the client that checks etcd is the one under test: ready is when etcd says it serves.
                    if (tls is not null)
                    {
                        if (DaemonProcess.ReadLog(LogPath(folder)).Contains("serving client traffic securely", StringComparison.Ordinal)) return (process, "");
                    }
                    else
                    {
                        using var answer = await http.GetAsync($"{client}/v2/keys/", deadline.Token).ConfigureAwait(false);
                        if (answer.IsSuccessStatusCode) return (process, "");
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // Listening, not answering yet.
                }
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            DaemonProcess.Stop(process);
            return (null, $"its v2 keys API did not answer within {StartDeadline.TotalSeconds} s: {DaemonProcess.ReadLog(LogPath(folder)).Trim()}");
        }
        catch
        {
            DaemonProcess.Stop(process);
            throw;
        }
    }

    /// <summary>Stops etcd and removes its folder.</summary>
    /// <returns>When both are gone.</returns>
    public async ValueTask DisposeAsync()
    {
        await DaemonProcess.StopAsync(process).ConfigureAwait(false);
        Directory.Delete(Folder, recursive: true);
    }
}
