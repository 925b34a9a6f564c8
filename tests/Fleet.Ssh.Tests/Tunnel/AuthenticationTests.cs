using Fleet.Core;
using Fleet.Ssh.HostKeys;
using Fleet.Tests.Shared.Ssh;
using Renci.SshNet;

namespace Fleet.Ssh.Tests.Tunnel;

/// <summary>Every way of authenticating, against a real sshd.</summary>
public sealed class AuthenticationTests(SshTunnelFixture fixture) : IClassFixture<SshTunnelFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fleet-auth-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private SshTunnelOptions NoKeys => fixture.Options with { KeyFiles = [], UseAgent = false, UseDefaultKeyFiles = false };

    private static async Task WorksAsync(Task<LanguageExt.Either<APIError, Fleet.FleetClient>> connecting)
    {
        await using var client = (await connecting).Right();
        Assert.Equal(3, (await client.ListMachinesAsync()).Right().Count);
    }

    [Fact]
    public async Task A_key_file_with_a_passphrase()
    {
        var key = await SshKeyPair.GenerateAsync(folder, "id_locked", "ecdsa", passphrase: "open sesame");
        await fixture.Sshd.AuthorizeAsync(key);

        await WorksAsync(fixture.TryConnectAsync(Channel.Exec, NoKeys with { KeyFiles = [new SshKeyFile(key.PrivateKeyPath, "open sesame")] }));
    }

    [Fact]
    public async Task An_rsa_key_file_logs_in_with_its_first_offer()
    {
        var key = await SshKeyPair.GenerateAsync(folder, "id_rsa_only", "rsa");
        await fixture.Sshd.AuthorizeAsync(key);

        await WorksAsync(fixture.TryConnectAsync(Channel.DirectTcpip, NoKeys with { KeyFiles = [new SshKeyFile(key.PrivateKeyPath)] }));

        // SSH.NET's own order offers ssh-rsa first, which OpenSSH 8.8 and later refuse, using up
        // one of the server's authentication attempts.
        Assert.Contains($"Accepted publickey for {fixture.Sshd.User} from 127.0.0.1", LogFor(key));
        Assert.DoesNotContain("ssh-rsa not in PubkeyAcceptedAlgorithms", fixture.Sshd.Log);
    }

    [Fact]
    public async Task A_wrong_passphrase_names_the_file()
    {
        var key = await SshKeyPair.GenerateAsync(folder, "id_locked", "ed25519", passphrase: "right");

        var error = (await fixture.TryConnectAsync(Channel.Exec, NoKeys with { KeyFiles = [new SshKeyFile(key.PrivateKeyPath, "wrong")] })).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh {fixture.Sshd.Tunnel}: authentication: cannot use the key file {key.PrivateKeyPath}: ", error.Message);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task The_keys_of_a_real_ssh_agent(string type)
    {
        var key = await SshKeyPair.GenerateAsync(folder, $"agent_{type}", type);
        await fixture.Sshd.AuthorizeAsync(key);
        await using var agent = await TestSshAgent.StartAsync();
        await agent.AddAsync(key);

        await WorksAsync(fixture.TryConnectAsync(Channel.DirectTcpip, NoKeys with { UseAgent = true, AgentSocket = agent.SocketPath }));
    }

    [Fact]
    public async Task The_default_key_files_in_the_home_folder()
    {
        var ssh = Directory.CreateDirectory(Path.Combine(folder, ".ssh")).FullName;
        var key = await SshKeyPair.GenerateAsync(ssh, "id_ecdsa", "ecdsa");
        await fixture.Sshd.AuthorizeAsync(key);
        // Encrypted, and there is no passphrase to give: skipped, not fatal.
        await SshKeyPair.GenerateAsync(ssh, "id_ed25519", "ed25519", passphrase: "secret");

        await WorksAsync(fixture.TryConnectAsync(Channel.Exec, NoKeys with { UseDefaultKeyFiles = true, HomeDirectory = folder }));
    }

    [Fact]
    public async Task A_refused_login_lists_every_key_that_was_tried()
    {
        var stranger = await SshKeyPair.GenerateAsync(folder, "stranger");
        var agentKey = await SshKeyPair.GenerateAsync(folder, "agent_stranger", "ecdsa");
        await using var agent = await TestSshAgent.StartAsync();
        await agent.AddAsync(agentKey);

        var error = (await fixture.TryConnectAsync(Channel.DirectTcpip, NoKeys with
        {
            KeyFiles = [new SshKeyFile(stranger.PrivateKeyPath)],
            UseAgent = true,
            AgentSocket = agent.SocketPath,
            UseDefaultKeyFiles = true,
            HomeDirectory = folder,
        })).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh {fixture.Sshd.Tunnel}: authentication: the server refused every key for {fixture.Sshd.User}", error.Message);
        Assert.Contains($"key file {stranger.PrivateKeyPath} (ED25519 {SshPublicKey.FingerprintSha256(stranger.PublicKeyBlob)})", error.Message);
        Assert.Contains($"ssh-agent at {agent.SocketPath}: ECDSA {SshPublicKey.FingerprintSha256(agentKey.PublicKeyBlob)}", error.Message);
        Assert.Contains($"none of id_ed25519, id_ecdsa, id_rsa in {Path.Combine(folder, ".ssh")}", error.Message);
    }

    [Fact]
    public async Task No_key_at_all_says_where_it_looked()
    {
        var error = (await fixture.TryConnectAsync(Channel.Exec, NoKeys with { UseAgent = true, AgentSocket = Path.Combine(folder, "no-agent.sock") })).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Contains("authentication: no key to offer", error.Message);
        Assert.Contains(Path.Combine(folder, "no-agent.sock"), error.Message);
    }

    [Theory]
    [InlineData(Channel.DirectTcpip)]
    [InlineData(Channel.Exec)]
    public async Task A_callers_connected_client_is_used_and_left_open(Channel channel)
    {
        using var own = new SshClient(fixture.Sshd.Host, fixture.Sshd.Port, fixture.Sshd.User, new PrivateKeyFile(fixture.Sshd.ClientKey.PrivateKeyPath));
        await own.ConnectAsync(CancellationToken.None);

        // Nothing else in these options could reach sshd: the client given is what is used.
        await WorksAsync(fixture.TryConnectAsync(channel, new SshTunnelOptions { Client = own, RemoteCommand = SshTunnelFixture.Socat, KnownHostsFile = Path.Combine(folder, "never") }));

        Assert.True(own.IsConnected);
        Assert.Equal("ok", own.RunCommand("echo ok").Result.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "never")));
    }

    [Fact]
    public async Task A_callers_client_that_is_not_connected_is_an_error_not_a_new_session()
    {
        using var own = new SshClient(fixture.Sshd.Host, fixture.Sshd.Port, fixture.Sshd.User, new PrivateKeyFile(fixture.Sshd.ClientKey.PrivateKeyPath));

        var error = (await fixture.TryConnectAsync(Channel.Exec, new SshTunnelOptions { Client = own })).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Contains("not connected", error.Message);
        Assert.False(own.IsConnected);
    }

    private string LogFor(SshKeyPair key) =>
        string.Join('\n', fixture.Sshd.Log.Split('\n').Where(l => l.Contains(SshPublicKey.FingerprintSha256(key.PublicKeyBlob), StringComparison.Ordinal)));
}
