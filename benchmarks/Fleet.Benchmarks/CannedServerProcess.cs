using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fleet.Tests.Shared;

namespace Fleet.Benchmarks;

/// <summary>
/// fleet's recorded answers served from a process of their own (<c>serve-canned</c>), so that a
/// benchmark's process holds only the client: its CPU time and allocations are the client's, and
/// the server does not take the client's core. Discovery gets fleet's discovery document, the
/// units, states and machines listings <see cref="CannedPages"/>, every other GET the recorded
/// answer to a GET of hello.service. Requests are GETs without a body.
/// </summary>
internal static class CannedServerProcess
{
    public const string Command = "serve-canned";

    /// <summary>
    /// The child's entry: listens on the unix socket and on a loopback TCP port (0 picks one),
    /// prints <c>ready PORT</c>, and serves until killed. Also for fleetctl and fleetctl-net.
    /// </summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        if (args.Length is not (2 or 3)) throw new ArgumentException($"usage: {Command} UNIX-SOCKET-PATH TCP-PORT [UNITS-LISTED, default 10000]");
        var pages = new CannedPages(args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10000);
        var transcripts = ReferenceData.Folder("transcripts", "FLEET_TRANSCRIPTS");
        var unit = File.ReadAllBytes(Path.Combine(transcripts, "0041-unit-get-loaded.response"));
        var discovery = File.ReadAllBytes(Path.Combine(transcripts, "0001-discovery.response"));

        using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        unix.Bind(new UnixDomainSocketEndPoint(args[0]));
        unix.Listen(64);
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)));
        tcp.Listen(64);
        Console.WriteLine($"ready {((IPEndPoint)tcp.LocalEndPoint!).Port}");
        await Task.WhenAll(AcceptAsync(unix, unit, discovery, pages), AcceptAsync(tcp, unit, discovery, pages));
        return 0;
    }

    private static async Task AcceptAsync(Socket listener, byte[] unit, byte[] discovery, CannedPages pages)
    {
        while (true)
        {
            var socket = await listener.AcceptAsync();
            if (socket.AddressFamily != AddressFamily.Unix) socket.NoDelay = true;
            _ = ServeAsync(socket, unit, discovery, pages);
        }
    }

    private static async Task ServeAsync(Socket socket, byte[] unit, byte[] discovery, CannedPages pages)
    {
        using (socket)
        {
            var buffer = new byte[16384];
            var held = 0;
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(held), SocketFlags.None);
                    if (read == 0) return;
                    held += read;
                    // Answer every whole request received; keep a partial one for the next read.
                    var start = 0;
                    int end;
                    while ((end = buffer.AsSpan(start, held - start).IndexOf("\r\n\r\n"u8)) >= 0)
                    {
                        var answer = Answer(buffer.AsSpan(start, end), unit, discovery, pages);
                        await socket.SendAsync(answer, SocketFlags.None);
                        start += end + 4;
                    }
                    buffer.AsSpan(start, held - start).CopyTo(buffer);
                    held -= start;
                }
            }
            catch (SocketException)
            {
            }
        }
    }

    private static byte[] Answer(ReadOnlySpan<byte> request, byte[] unit, byte[] discovery, CannedPages pages)
    {
        var target = request[(request.IndexOf((byte)' ') + 1)..];
        target = target[..Math.Max(0, target.IndexOf((byte)' '))];
        if (target.StartsWith("/fleet/v1/discovery"u8)) return discovery;
        return pages.For(target) ?? unit;
    }
}

/// <summary>
/// A <see cref="CannedServerProcess"/> started by a benchmark: pinned to the second core by
/// taskset when the machine has two (the benchmark pins itself to the first), killed by its pid.
/// </summary>
internal sealed class CannedServerChild : IDisposable
{
    private readonly Process process;

    private CannedServerChild(Process process, string socketPath, int port)
    {
        this.process = process;
        SocketPath = socketPath;
        Port = port;
    }

    public string SocketPath { get; }

    public int Port { get; }

    /// <summary>Whether the server and the benchmark each have a core of their own.</summary>
    public static bool Pinned => OperatingSystem.IsLinux() && Environment.ProcessorCount >= 2 && File.Exists("/usr/bin/taskset");

    public static CannedServerChild Start(int listed = CannedPages.PageSize)
    {
        var directory = Directory.CreateTempSubdirectory("fleet-bench-").FullName;
        var socketPath = Path.Combine(directory, "fleet.sock");
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        if (Pinned && OperatingSystem.IsLinux())
        {
            start.FileName = "/usr/bin/taskset";
            foreach (var arg in new[] { "-c", "1", Environment.ProcessPath! }) start.ArgumentList.Add(arg);
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
        else
        {
            start.FileName = Environment.ProcessPath!;
        }
        // Under the dotnet host (BenchmarkDotNet's generated program, whose folder holds this
        // assembly without a runtime configuration of its own): this assembly with the running
        // program's configuration. Under this program's own apphost (dotnet run, --inProcess):
        // the apphost again.
        string[] server = [CannedServerProcess.Command, socketPath, "0", listed.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            var runtimeConfig = Path.ChangeExtension(Environment.GetCommandLineArgs()[0], ".runtimeconfig.json");
            server = ["exec", "--runtimeconfig", runtimeConfig, typeof(CannedServerProcess).Assembly.Location, .. server];
        }
        foreach (var arg in server) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("the canned server did not start");
        var ready = process.StandardOutput.ReadLine();
        if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the canned server said {ready ?? "nothing"}");
        }
        return new CannedServerChild(process, socketPath, int.Parse(ready[6..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An HttpClient whose connections are to a unix socket, at most <paramref name="connections"/> of them.</summary>
    public static HttpClient UnixHttpClient(string socketPath, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://domain-sock") };
    }

    public void Dispose()
    {
        // Killed by its own pid; taskset execs the server, so that pid is the server's.
        process.Kill();
        process.WaitForExit();
        process.Dispose();
        Directory.Delete(Path.GetDirectoryName(SocketPath)!, recursive: true);
    }
}
