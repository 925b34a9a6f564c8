using System.Security.Cryptography;

namespace Fleet.Ssh.Agent;

/// <summary>A key an ssh-agent holds: its public key blob and the comment it was added with.</summary>
/// <param name="PublicKey">The public key blob in SSH wire format, as <c>ssh-add -L</c> shows it in base64.</param>
/// <param name="Comment">The comment the key was added with, usually its file name or <c>user@host</c>.</param>
internal sealed record AgentIdentity(byte[] PublicKey, string Comment)
{
    /// <summary>
    /// The key type the blob starts with (<c>ssh-ed25519</c>, <c>ssh-rsa</c>,
    /// <c>ecdsa-sha2-nistp256</c>, ...); empty when the blob does not start with one.
    /// </summary>
    public string KeyType { get; } = SshAgentClient.ReadFirstString(PublicKey) ?? "";

    /// <summary>The key's SHA-256 fingerprint as <c>ssh-add -l</c> shows it (<c>SHA256:</c> and unpadded base64).</summary>
    public string Fingerprint => FingerprintOf(PublicKey);

    /// <summary>The SHA-256 fingerprint of a public key blob, as <c>ssh-add -l</c> shows it.</summary>
    /// <param name="publicKey">A public key blob.</param>
    /// <returns><c>SHA256:</c> and the unpadded base64 of the blob's hash.</returns>
    internal static string FingerprintOf(byte[] publicKey) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(publicKey)).TrimEnd('=');

    /// <inheritdoc/>
    public override string ToString() => $"{KeyType} {Fingerprint} {Comment}";
}
