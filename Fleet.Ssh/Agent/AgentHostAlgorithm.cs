using System.Security.Cryptography;
using Renci.SshNet.Common;
using Renci.SshNet.Security;
using Renci.SshNet.Security.Cryptography;

namespace Fleet.Ssh.Agent;

/// <summary>
/// One way of signing with a key an ssh-agent holds, as SSH.NET's public key authentication
/// wants it: <see cref="HostAlgorithm.Name"/> is the signature algorithm offered to the server,
/// <see cref="Data"/> the public key blob, and <see cref="Sign"/> asks the agent.
/// </summary>
internal sealed class AgentHostAlgorithm : HostAlgorithm
{
    private readonly SshAgentClient agent;

    /// <summary>Signs with <paramref name="identity"/> through <paramref name="agent"/> under <paramref name="algorithmName"/>.</summary>
    /// <param name="agent">The agent holding the key.</param>
    /// <param name="identity">The key.</param>
    /// <param name="algorithmName">The signature algorithm: the key type, or <c>rsa-sha2-512</c> / <c>rsa-sha2-256</c> for RSA keys.</param>
    /// <param name="flags">The sign request flags that make the agent use that algorithm (0 unless RSA).</param>
    public AgentHostAlgorithm(SshAgentClient agent, AgentIdentity identity, string algorithmName, uint flags)
        : base(algorithmName)
    {
        this.agent = agent;
        Identity = identity;
        Flags = flags;
    }

    /// <summary>The key this signs with.</summary>
    public AgentIdentity Identity { get; }

    /// <summary>The sign request flags sent with each signature.</summary>
    public uint Flags { get; }

    /// <summary>The public key blob, sent to the server as is.</summary>
    public override byte[] Data => Identity.PublicKey;

    /// <summary>
    /// Has the agent sign <paramref name="data"/>. Blocks: SSH.NET calls this synchronously while
    /// it authenticates. SSH.NET takes either a signature or an exception, so a refusal or broken
    /// agent is an <see cref="SshException"/> carrying the agent's error message.
    /// </summary>
    /// <param name="data">The session's signature data.</param>
    /// <returns>The SSH signature blob (string algorithm, string signature) the agent made.</returns>
    /// <exception cref="SshException">The agent refused, failed, or signed with another algorithm.</exception>
    public override byte[] Sign(byte[] data)
    {
        var signature = agent.Sign(Identity.PublicKey, data, Flags).Match(
            Right: blob => blob,
            Left: error => throw new SshException(error.Message));
        // An agent that ignores the RSA flags answers with ssh-rsa (SHA-1): the server would
        // refuse it under this name with no hint why, so say it here.
        var algorithm = SshAgentClient.ReadFirstString(signature);
        if (algorithm != Name)
        {
            throw new SshException($"ssh-agent at {agent.SocketPath} signed with {algorithm} where {Name} was asked for (key {Identity.Fingerprint} {Identity.Comment})");
        }
        return signature;
    }

    /// <summary>
    /// Checks a signature blob against this key with SSH.NET's own verifier. SSH.NET 2026.0.0
    /// never calls this for a client key: it reads <see cref="Renci.SshNet.IPrivateKeySource.HostKeyAlgorithms"/>
    /// only to authenticate, and calls <c>VerifySignature</c> only on the server's host key during
    /// key exchange. It verifies anyway, so a caller that does use it is not told a lie.
    /// </summary>
    /// <param name="data">The signed data.</param>
    /// <param name="signature">An SSH signature blob (string algorithm, string signature).</param>
    /// <returns>Whether the blob is a signature of <paramref name="data"/> by this key under <see cref="HostAlgorithm.Name"/>.</returns>
    public override bool VerifySignature(byte[] data, byte[] signature)
    {
        if (SshAgentClient.ReadFirstString(signature) != Name) return false;
        Key? key = null;
        DigitalSignature? verifier = null;
        try
        {
            key = PublicKey(Identity);
            if (key is null) return false;
            verifier = Verifier(key, Name);
            return new KeyHostAlgorithm(Name, key, verifier).VerifySignature(data, signature);
        }
        catch (Exception e) when (e is SshException or CryptographicException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // A blob SSH.NET cannot read verifies nothing.
            return false;
        }
        finally
        {
            // The concrete keys and verifiers hold native keys; their base classes are not IDisposable.
            (verifier as IDisposable)?.Dispose();
            (key as IDisposable)?.Dispose();
        }
    }

    private static Key? PublicKey(AgentIdentity identity)
    {
        var data = new SshKeyData(identity.PublicKey);
        return identity.KeyType switch
        {
            "ssh-rsa" => new RsaKey(data),
            "ssh-ed25519" => new ED25519Key(data),
            "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => new EcdsaKey(data),
            _ => null,
        };
    }

    private static DigitalSignature Verifier(Key key, string name) => key switch
    {
        RsaKey rsa => new RsaDigitalSignature(rsa, name switch
        {
            "rsa-sha2-512" => HashAlgorithmName.SHA512,
            "rsa-sha2-256" => HashAlgorithmName.SHA256,
            _ => HashAlgorithmName.SHA1,
        }),
        ED25519Key ed25519 => new ED25519DigitalSignature(ed25519),
        EcdsaKey ecdsa => new EcdsaDigitalSignature(ecdsa),
        _ => throw new NotSupportedException($"no verifier for {key.GetType().Name}"),
    };
}
