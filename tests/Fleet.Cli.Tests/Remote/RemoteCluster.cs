using System.Globalization;
using System.Net;
using System.Text;
using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.Simulator;
using Fleet.Simulator.Cluster;
using Fleet.Tests.Shared.Ssh;

namespace Fleet.Cli.Tests.Remote;

/// <summary>
/// A fleet whose machines are one real sshd on loopback, for the commands that reach the machines:
/// the sshd's sessions find stand-in <c>systemctl</c>, <c>journalctl</c> and <c>sudo</c> scripts first
/// on their PATH, which print the arguments they were called with (<c>journalctl [--unit] [x.service]</c>);
/// an ssh-agent holds the sshd's client key, and a known_hosts file its host keys.
/// Machine <see cref="Plain"/> publishes 127.0.0.1 (so <c>--ssh-port</c> is needed), machine
/// <see cref="WithPort"/> 127.0.0.1:PORT. The units, each pinned to its machine:
/// <c>hello.service</c> on Plain, <c>pinned.service</c> on WithPort, <c>failing.service</c> on Plain
/// (its systemctl exits 3), <c>bbbb.service</c> on Plain (named like WithPort's id), <c>idle.service</c>
/// only submitted, <c>everywhere.service</c> global.
/// </summary>
public sealed class RemoteCluster : IAsyncLifetime
{
    /// <summary>The machine that publishes 127.0.0.1.</summary>
    public const string Plain = "aaaa1111aaaa1111aaaa1111aaaa1111";

    /// <summary>The machine that publishes 127.0.0.1 with the sshd's port.</summary>
    public const string WithPort = "bbbb2222bbbb2222bbbb2222bbbb2222";

    // Each stand-in prints its name and its arguments in brackets in one write (so that, on a terminal,
    // its standard error line cannot land inside it), then its standard error line.
    private const string Systemctl = """
        #!/bin/sh
        line=systemctl; for a in "$@"; do line="$line [$a]"; done; printf '%s\n' "$line"
        echo "systemctl's standard error" >&2
        case "$*" in *failing*) exit 3;; esac
        exit 0
        """;

    // With -f it keeps running, as journalctl -f does, until its input (the SSH channel) closes.
    private const string Journalctl = """
        #!/bin/sh
        line=journalctl; for a in "$@"; do line="$line [$a]"; done; printf '%s\n' "$line"
        for a in "$@"; do
          if [ "$a" = "-f" ]; then echo "following"; exec cat >/dev/null; fi
        done
        exit 0
        """;

    private const string Sudo = """
        #!/bin/sh
        printf 'sudo '
        exec "$@"
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("flremote").FullName;

    /// <summary>The sshd.</summary>
    public TestSshServer Sshd { get; private set; } = null!;

    /// <summary>The agent holding the sshd's client key.</summary>
    public TestSshAgent Agent { get; private set; } = null!;

    /// <summary>The fleet, on a unix socket and on TCP.</summary>
    public FleetServer Fleet { get; private set; } = null!;

    /// <summary>A known_hosts file holding the sshd's host keys.</summary>
    public string KnownHosts => Path.Combine(folder, "known_hosts");

    /// <summary>The folder of the stand-in scripts.</summary>
    public string Bin => Path.Combine(folder, "bin");

    /// <summary>A folder of the fixture's own, removed with it.</summary>
    public string Folder => folder;

    /// <summary>The sshd's port, as <c>--ssh-port</c> takes it.</summary>
    public string Port => Sshd.Port.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Bin);
        foreach (var (name, text) in new[] { ("systemctl", Systemctl), ("journalctl", Journalctl), ("sudo", Sudo) })
        {
            var path = Path.Combine(Bin, name);
            await File.WriteAllTextAsync(path, text + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        Sshd = await TestSshServer.StartAsync(new TestSshServerOptions { Environment = new Dictionary<string, string> { ["PATH"] = $"{Bin}:/usr/bin:/bin" } });
        Agent = await TestSshAgent.StartAsync();
        await Agent.AddAsync(Sshd.ClientKey);
        await File.WriteAllLinesAsync(KnownHosts, Sshd.HostKeys.Select(Sshd.KnownHostsLine));
        Fleet = await FleetServer.StartAsync(new FleetServerOptions
        {
            UnixSocketPath = Path.Combine(folder, "fleet.sock"),
            TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            AgentDelay = TimeSpan.Zero,
            Machines =
            [
                new SimulatedMachine(Plain, "127.0.0.1", ValueMap.Empty),
                new SimulatedMachine(WithPort, $"127.0.0.1:{Port}", ValueMap.Empty),
            ],
        });

        await using var client = (await FleetClient.ConnectAsync(Fleet.Endpoint)).Match(c => c, error => throw new InvalidOperationException(error.Message));
        await LaunchAsync(client, "hello.service", Plain);
        await LaunchAsync(client, "pinned.service", WithPort);
        await LaunchAsync(client, "failing.service", Plain);
        await LaunchAsync(client, "bbbb.service", Plain);
        Check(await client.CreateUnitAsync("idle.service", [new UnitOption("Service", "ExecStart", "/bin/sleep 1d")], DesiredState.Inactive));
        Check(await client.CreateUnitAsync("everywhere.service", [new UnitOption("Service", "ExecStart", "/bin/sleep 1d"), new UnitOption("X-Fleet", "Global", "true")], DesiredState.Launched));
    }

    /// <summary>The environment for the command line: the agent's socket, and no <c>FLEETCTL_*</c> of the developer's.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = Agent.SocketPath };

    /// <summary>The arguments every run starts with: the fleet's unix socket, the sshd's user and known_hosts, and extra ones.</summary>
    /// <param name="rest">The command and its arguments.</param>
    /// <returns>The arguments.</returns>
    public string[] Arguments(params string[] rest) =>
        ["--endpoint", $"unix://{Fleet.UnixSocketPath}", "--ssh-username", Sshd.User, "--known-hosts-file", KnownHosts, .. rest];

    /// <summary>The same, through the sshd as the tunnel host, to the fleet's TCP endpoint.</summary>
    /// <param name="rest">The command and its arguments.</param>
    /// <returns>The arguments.</returns>
    public string[] TunnelArguments(params string[] rest) =>
        ["--tunnel", Sshd.Tunnel, "--endpoint", $"http://{Fleet.TcpEndPoint}", "--ssh-username", Sshd.User, "--known-hosts-file", KnownHosts, .. rest];

    private static async Task LaunchAsync(FleetClient client, string name, string machine)
    {
        Check(await client.CreateUnitAsync(name, [new UnitOption("Service", "ExecStart", "/bin/sleep 1d"), new UnitOption("X-Fleet", "MachineID", machine)], DesiredState.Launched));
        Check(await client.WaitForUnitAsync(name, DesiredState.Launched));
    }

    private static void Check<T>(LanguageExt.Either<APIError, T> result) =>
        result.Match(_ => { }, error => throw new InvalidOperationException(error.Message));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Fleet.DisposeAsync();
        await Agent.DisposeAsync();
        await Sshd.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>What a stand-in prints for its arguments.</summary>
    /// <param name="words">The program and its arguments.</param>
    /// <returns>The line, with its newline.</returns>
    public static string Called(params string[] words)
    {
        var line = new StringBuilder(words[0]);
        foreach (var word in words.Skip(1)) line.Append(" [").Append(word).Append(']');
        return line.Append('\n').ToString();
    }
}
