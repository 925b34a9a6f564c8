using System.Net;
using Fleet.Simulator;
using Fleet.Ssh;
using Fleet.Tests.Shared.Ssh;
using Fleet.Transport;

namespace Fleet.Reliability.Tests.Security;

/// <summary>
/// OpenSSH's real sshd on loopback, fleet behind it on TCP, and known_hosts lines prepared both
/// plain and hashed (by ssh-keygen -H): for sshd's own keys, for impostor keys claiming to be it,
/// and for other hosts only.
/// </summary>
public sealed class HostKeyFixture : IAsyncLifetime
{
    private string folder = "";

    public TestSshServer Sshd { get; private set; } = null!;

    public FleetServer Fleet { get; private set; } = null!;

    /// <summary>Lines by what they say of sshd's address: its real keys, impostor keys, or nothing (other hosts).</summary>
    public IReadOnlyDictionary<string, string[]> Lines { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        folder = Directory.CreateTempSubdirectory("fleet-hostkeys-").FullName;
        Sshd = await TestSshServer.StartAsync();
        Fleet = await FleetServer.StartAsync(new FleetServerOptions { TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0), AgentDelay = TimeSpan.Zero });
        try
        {
            await PrepareLinesAsync();
        }
        catch
        {
            // A fixture that fails to start is not disposed by xunit: stop sshd here.
            await DisposeAsync();
            throw;
        }
    }

    private async Task PrepareLinesAsync()
    {
        var address = $"[{Sshd.Host}]:{Sshd.Port}";
        // An impostor of every type sshd offers, so whichever algorithm is agreed meets a changed key.
        var impostors = await Task.WhenAll(new[] { "ed25519", "ecdsa", "rsa" }.Select(type => SshKeyPair.GenerateAsync(folder, $"impostor_{type}", type)));
        string[] known = [.. Sshd.HostKeys.Select(Sshd.KnownHostsLine)];
        string[] changed = [.. impostors.Select(key => $"{address} {Fields(key)}")];
        string[] others = [.. Sshd.HostKeys.Select((key, i) => $"fleet-{i}.example.com,10.0.0.{i + 1} {Fields(key)}")];
        Lines = new Dictionary<string, string[]>
        {
            ["known"] = known,
            ["known hashed"] = await HashedAsync(known),
            ["changed"] = changed,
            ["changed hashed"] = await HashedAsync(changed),
            ["others"] = others,
            ["others hashed"] = await HashedAsync(others),
        };
    }

    private static string Fields(SshKeyPair key) => string.Join(' ', key.PublicKeyLine.Split(' ')[..2]);

    // ssh-keygen -H rewrites a file with every host name hashed, as HashKnownHosts does.
    private async Task<string[]> HashedAsync(string[] lines)
    {
        var scratch = Directory.CreateDirectory(Path.Combine(folder, $"hash-{Guid.NewGuid():N}")).FullName;
        var path = Path.Combine(scratch, "known_hosts");
        await File.WriteAllLinesAsync(path, lines);
        await SshTool.RunAsync("ssh-keygen", ["-q", "-H", "-f", path]);
        var hashed = await File.ReadAllLinesAsync(path);
        Assert.All(hashed, line => Assert.StartsWith("|1|", line));
        return hashed;
    }

    /// <summary>Connects through sshd with strict host key checking (the default) against a known_hosts file.</summary>
    public Task<LanguageExt.Either<Core.APIError, FleetClient>> ConnectAsync(string knownHosts) =>
        FleetClient.ConnectAsync($"http://{Fleet.TcpEndPoint}", Options(knownHosts));

    public FleetClientOptions Options(string knownHosts) => new()
    {
        Transport = HttpTransportOptions.Default with
        {
            Connector = SshTunnel.Connector(new SshTunnelOptions
            {
                Tunnel = Sshd.Tunnel,
                User = Sshd.User,
                KnownHostsFile = knownHosts,
                KeyFiles = [new SshKeyFile(Sshd.ClientKey.PrivateKeyPath)],
                UseAgent = false,
                UseDefaultKeyFiles = false,
            }),
        },
    };

    public async Task DisposeAsync()
    {
        await Fleet.DisposeAsync();
        await Sshd.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
