using Fleet.Tests.Shared.Ssh;

namespace Fleet.Ssh.Tests.Agent;

/// <summary>
/// One ed25519, one ECDSA and one RSA key, made once per test class (RSA generation is slow),
/// held by a real ssh-agent in that order.
/// </summary>
public sealed class AgentKeys : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("fleet-agent-keys-").FullName;

    public TestSshAgent Agent { get; private set; } = null!;

    public SshKeyPair Ed25519 { get; private set; } = null!;

    public SshKeyPair Ecdsa { get; private set; } = null!;

    public SshKeyPair Rsa { get; private set; } = null!;

    /// <summary>A key no agent holds.</summary>
    public SshKeyPair Stranger { get; private set; } = null!;

    public IReadOnlyList<SshKeyPair> Held => [Ed25519, Ecdsa, Rsa];

    public SshKeyPair ByType(string type) => Held.Single(key => key.Type == type);

    public async Task InitializeAsync()
    {
        var made = await Task.WhenAll(
            SshKeyPair.GenerateAsync(folder, "agent-ed25519", "ed25519"),
            SshKeyPair.GenerateAsync(folder, "agent-ecdsa", "ecdsa"),
            SshKeyPair.GenerateAsync(folder, "agent-rsa", "rsa"),
            SshKeyPair.GenerateAsync(folder, "stranger", "ed25519"));
        (Ed25519, Ecdsa, Rsa, Stranger) = (made[0], made[1], made[2], made[3]);
        Agent = await TestSshAgent.StartAsync();
        // One at a time: the agent's order is the order keys were added.
        foreach (var key in Held) await Agent.AddAsync(key);
    }

    public async Task DisposeAsync()
    {
        if (Agent is not null) await Agent.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
