using System.Text;
using Fleet.Ssh.Agent;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Fleet.Ssh.Tests.Agent;

/// <summary>The agent's keys as SSH.NET's key source, against OpenSSH's own ssh-agent.</summary>
public sealed class AgentKeySourceTests(AgentKeys keys) : IClassFixture<AgentKeys>
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("what SSH.NET asks the key source to sign");

    [Fact]
    public async Task Offers_each_key_in_the_agents_order_and_rsa_as_sha2_512_then_256()
    {
        using var agent = await SshAgentClientTests.ConnectAsync(keys.Agent.SocketPath);
        var identities = SshAgentClientTests.Right(await agent.ListIdentitiesAsync(CancellationToken.None));

        var source = new AgentKeySource(agent, identities);

        Assert.Equal(["ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256"], source.HostKeyAlgorithms.Select(algorithm => algorithm.Name));
        Assert.Equal(
            [keys.Ed25519.PublicKeyBlob, keys.Ecdsa.PublicKeyBlob, keys.Rsa.PublicKeyBlob, keys.Rsa.PublicKeyBlob],
            source.HostKeyAlgorithms.Select(algorithm => algorithm.Data));
    }

    [Fact]
    public async Task Each_offered_algorithm_signs_as_it_is_named_and_verifies()
    {
        using var agent = await SshAgentClientTests.ConnectAsync(keys.Agent.SocketPath);
        var identities = SshAgentClientTests.Right(await agent.ListIdentitiesAsync(CancellationToken.None));

        foreach (var algorithm in new AgentKeySource(agent, identities).HostKeyAlgorithms.Cast<AgentHostAlgorithm>())
        {
            var signature = algorithm.Sign(Data);

            Assert.Equal(algorithm.Name, SshAgentClient.ReadFirstString(signature));
            var key = keys.Held.Single(held => held.PublicKeyBlob.AsSpan().SequenceEqual(algorithm.Data));
            using var file = new PrivateKeyFile(key.PrivateKeyPath);
            Assert.True(file.HostKeyAlgorithms.Single(reference => reference.Name == algorithm.Name).VerifySignature(Data, signature));
            Assert.True(algorithm.VerifySignature(Data, signature));
            Assert.False(algorithm.VerifySignature([.. Data, 0], signature));
        }
    }

    [Fact]
    public async Task Verifying_refuses_a_signature_made_under_another_algorithm()
    {
        using var agent = await SshAgentClientTests.ConnectAsync(keys.Agent.SocketPath);
        var rsa = new AgentIdentity(keys.Rsa.PublicKeyBlob, "rsa");
        var sha512 = new AgentHostAlgorithm(agent, rsa, "rsa-sha2-512", SshAgentClient.RsaSha512);
        var sha256 = new AgentHostAlgorithm(agent, rsa, "rsa-sha2-256", SshAgentClient.RsaSha256);

        Assert.False(sha512.VerifySignature(Data, sha256.Sign(Data)));
        Assert.False(sha512.VerifySignature(Data, [1, 2, 3]));
    }

    [Fact]
    public async Task A_refusal_reaches_SSH_NET_as_an_SshException_with_the_agents_message()
    {
        using var agent = await SshAgentClientTests.ConnectAsync(keys.Agent.SocketPath);
        var stranger = new AgentHostAlgorithm(agent, new AgentIdentity(keys.Stranger.PublicKeyBlob, "stranger"), "ssh-ed25519", 0);

        var thrown = Assert.Throws<SshException>(() => stranger.Sign(Data));

        Assert.StartsWith($"ssh-agent at {keys.Agent.SocketPath} refused to sign with the ssh-ed25519 key", thrown.Message);
    }

    [Theory]
    [InlineData("ssh-rsa", new[] { "rsa-sha2-512:4", "rsa-sha2-256:2" })]
    [InlineData("ssh-rsa-cert-v01@openssh.com", new[] { "rsa-sha2-512-cert-v01@openssh.com:4", "rsa-sha2-256-cert-v01@openssh.com:2" })]
    [InlineData("ssh-ed25519", new[] { "ssh-ed25519:0" })]
    [InlineData("ecdsa-sha2-nistp384", new[] { "ecdsa-sha2-nistp384:0" })]
    [InlineData("", new string[0])]
    public void Key_types_map_to_signature_algorithms(string keyType, string[] expected) =>
        Assert.Equal(expected, AgentKeySource.SignatureAlgorithms(keyType).Select(algorithm => $"{algorithm.Name}:{algorithm.Flags}"));
}
