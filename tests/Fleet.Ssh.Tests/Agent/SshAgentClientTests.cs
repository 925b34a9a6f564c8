using System.Text;
using Fleet.Core;
using Fleet.Ssh.Agent;
using Fleet.Tests.Shared.Ssh;
using Renci.SshNet;

namespace Fleet.Ssh.Tests.Agent;

/// <summary>The agent client against OpenSSH's own ssh-agent.</summary>
public sealed class SshAgentClientTests(AgentKeys keys) : IClassFixture<AgentKeys>
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("session id and userauth request, as SSH.NET signs them");

    [Fact]
    public async Task Lists_the_keys_ssh_add_lists()
    {
        using var agent = await ConnectAsync(keys.Agent.SocketPath);
        var listed = Right(await agent.ListIdentitiesAsync(CancellationToken.None));

        var lines = (await SshTool.RunAsync("ssh-add", ["-L"], new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = keys.Agent.SocketPath }))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 3))
            .ToList();
        Assert.Equal(lines.Count, listed.Count);
        foreach (var (line, identity) in lines.Zip(listed))
        {
            Assert.Equal(line[0], identity.KeyType);
            Assert.Equal(line[1], Convert.ToBase64String(identity.PublicKey));
            Assert.Equal(line[2], identity.Comment);
        }
        Assert.Equal(keys.Held.Select(key => key.PublicKeyBlob), listed.Select(identity => identity.PublicKey));
        Assert.Equal(["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"], listed.Select(identity => identity.KeyType));
    }

    [Fact]
    public async Task An_empty_agent_lists_no_keys()
    {
        await using var empty = await TestSshAgent.StartAsync();
        using var agent = await ConnectAsync(empty.SocketPath);
        Assert.Empty(Right(await agent.ListIdentitiesAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Lists_a_key_added_with_its_passphrase()
    {
        var folder = Directory.CreateTempSubdirectory("fleet-agent-test-").FullName;
        try
        {
            var locked = await SshKeyPair.GenerateAsync(folder, "locked", "ed25519", "it's a \"secret\" $HOME");
            await using var own = await TestSshAgent.StartAsync();
            await own.AddAsync(locked);
            using var agent = await ConnectAsync(own.SocketPath);
            var identity = Assert.Single(Right(await agent.ListIdentitiesAsync(CancellationToken.None)));
            Assert.Equal(locked.PublicKeyBlob, identity.PublicKey);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("ed25519", 0u, "ssh-ed25519")]
    [InlineData("ecdsa", 0u, "ecdsa-sha2-nistp256")]
    [InlineData("rsa", SshAgentClient.RsaSha512, "rsa-sha2-512")]
    [InlineData("rsa", SshAgentClient.RsaSha256, "rsa-sha2-256")]
    public async Task Signatures_verify_against_the_private_key_file(string type, uint flags, string algorithm)
    {
        var key = keys.ByType(type);
        using var agent = await ConnectAsync(keys.Agent.SocketPath);

        var signature = Right(agent.Sign(key.PublicKeyBlob, Data, flags));

        Assert.Equal(algorithm, SshAgentClient.ReadFirstString(signature));
        // SSH.NET's own algorithms for the private key take the whole blob (algorithm, signature).
        using var file = new PrivateKeyFile(key.PrivateKeyPath);
        var reference = file.HostKeyAlgorithms.Single(candidate => candidate.Name == algorithm);
        Assert.True(reference.VerifySignature(Data, signature));
        Assert.False(reference.VerifySignature([.. Data, 0], signature));
    }

    [Fact]
    public async Task Signing_with_a_key_the_agent_does_not_hold_is_an_ssh_error_and_the_connection_goes_on()
    {
        using var agent = await ConnectAsync(keys.Agent.SocketPath);

        var error = Left(agent.Sign(keys.Stranger.PublicKeyBlob, Data, 0));

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Contains($"ssh-agent at {keys.Agent.SocketPath} refused to sign with the ssh-ed25519 key SHA256:", error.Message);
        Assert.Equal(3, Right(await agent.ListIdentitiesAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_missing_socket_is_an_ssh_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fleet-no-agent-{Guid.NewGuid():N}.sock");

        var error = Assert.Single((await SshAgentClient.ConnectAsync(path, CancellationToken.None)).LeftToSeq());

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh-agent at {path}: cannot connect: ", error.Message);
    }

    [Fact]
    public async Task Concurrent_signatures_are_serialised_on_one_connection()
    {
        using var agent = await ConnectAsync(keys.Agent.SocketPath);
        var key = keys.Ed25519;
        using var file = new PrivateKeyFile(key.PrivateKeyPath);
        var reference = file.HostKeyAlgorithms.Single(candidate => candidate.Name == "ssh-ed25519");

        var signed = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            byte[] data = [.. Data, (byte)i];
            return (data, signature: Right(agent.Sign(key.PublicKeyBlob, data, 0)));
        })));

        Assert.All(signed, pair => Assert.True(reference.VerifySignature(pair.data, pair.signature)));
    }

    internal static async Task<SshAgentClient> ConnectAsync(string socketPath) =>
        Right(await SshAgentClient.ConnectAsync(socketPath, CancellationToken.None));

    internal static T Right<T>(LanguageExt.Either<APIError, T> result) =>
        result.Match(Right: value => value, Left: error => throw new Xunit.Sdk.XunitException($"expected success, got {error}"));

    internal static APIError Left<T>(LanguageExt.Either<APIError, T> result) => Assert.Single(result.LeftToSeq());
}
