using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Fleet.Core;
using Fleet.Simulator;
using Fleet.Ssh;
using Fleet.Tests.Shared.Ssh;
using Fleet.Transport;

namespace Fleet.Benchmarks;

/// <summary>
/// GET of one unit, one request after another on one kept-alive connection, from FleetServer:
/// over plain loopback TCP (the baseline), through a real OpenSSH sshd on loopback by a
/// direct-tcpip channel to the same TCP port, and by an exec channel running socat to the
/// server's unix socket. Per request. Allocated is the whole process's, FleetServer's included,
/// which is the same work in every row.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TunnelBenchmarks
{
    private const int Requests = 200;

    private string directory = "";
    private TestSshServer sshd = null!;
    private FleetServer server = null!;
    private FleetClient plain = null!;
    private FleetClient directTcpip = null!;
    private FleetClient exec = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        directory = Directory.CreateTempSubdirectory("fleet-bench-ssh-").FullName;
        sshd = await TestSshServer.StartAsync();
        var knownHosts = Path.Combine(directory, "known_hosts");
        await File.WriteAllLinesAsync(knownHosts, sshd.HostKeys.Select(sshd.KnownHostsLine));
        server = await FleetServer.StartAsync(new FleetServerOptions
        {
            UnixSocketPath = Path.Combine(directory, "fleet.sock"),
            TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            AgentDelay = TimeSpan.Zero,
        });
        var ssh = new SshTunnelOptions
        {
            Tunnel = sshd.Tunnel,
            User = sshd.User,
            KnownHostsFile = knownHosts,
            KeyFiles = [new SshKeyFile(sshd.ClientKey.PrivateKeyPath)],
            UseAgent = false,
            UseDefaultKeyFiles = false,
            RemoteCommand = "socat - UNIX-CONNECT:{0}",
        };
        var oneConnection = HttpTransportOptions.Default with { MaxConnections = 1 };
        var tcp = $"http://{server.TcpEndPoint}";
        plain = await ConnectAsync(tcp, oneConnection);
        directTcpip = await ConnectAsync(tcp, oneConnection with { Connector = SshTunnel.Connector(ssh) });
        exec = await ConnectAsync($"unix://{server.UnixSocketPath}", oneConnection with { Connector = SshTunnel.Connector(ssh) });

        var created = await plain.CreateUnitAsync("hello.service", [new UnitOption("Service", "ExecStart", "/bin/sleep 1d")], DesiredState.Launched);
        if (created.IsLeft) throw new InvalidOperationException(created.ToString());
        // Each client must get the same unit before anything is timed.
        var expected = await GetAsync(plain);
        if (!expected.Equals(await GetAsync(directTcpip)) || !expected.Equals(await GetAsync(exec))) throw new InvalidOperationException("the clients disagree");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await plain.DisposeAsync();
        await directTcpip.DisposeAsync();
        await exec.DisposeAsync();
        await server.DisposeAsync();
        await sshd.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests, Description = "plain loopback TCP")]
    public Task PlainTcp() => LoopAsync(plain);

    [Benchmark(OperationsPerInvoke = Requests, Description = "ssh direct-tcpip to TCP")]
    public Task DirectTcpip() => LoopAsync(directTcpip);

    [Benchmark(OperationsPerInvoke = Requests, Description = "ssh exec channel (socat) to the unix socket")]
    public Task ExecChannel() => LoopAsync(exec);

    private static async Task LoopAsync(FleetClient client)
    {
        for (var i = 0; i < Requests; i++)
        {
            var unit = await client.GetUnitAsync("hello.service");
            if (unit.IsLeft) throw new InvalidOperationException(unit.ToString());
        }
    }

    private static async Task<FleetUnit> GetAsync(FleetClient client) =>
        (await client.GetUnitAsync("hello.service")).Match(u => u, e => throw new InvalidOperationException(e.ToString()));

    private static async Task<FleetClient> ConnectAsync(string endpoint, HttpTransportOptions transport) =>
        (await FleetClient.ConnectAsync(endpoint, new FleetClientOptions { Transport = transport })).Match(c => c, e => throw new InvalidOperationException(e.ToString()));

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RequestsPerSecondColumn());
    }

    /// <summary>Requests per second: one over the mean time per request.</summary>
    private sealed class RequestsPerSecondColumn : IColumn
    {
        public string Id => nameof(RequestsPerSecondColumn);
        public string ColumnName => "req/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Requests per second (10^9 / Mean in ns)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (1e9 / statistics.Mean).ToString("N0", CultureInfo.InvariantCulture)
                : "NA";

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
