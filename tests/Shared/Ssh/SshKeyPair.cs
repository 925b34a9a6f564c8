namespace Fleet.Tests.Shared.Ssh;

/// <summary>A key pair made by <c>ssh-keygen</c>: the private key file, and the public key file beside it.</summary>
/// <param name="PrivateKeyPath">The OpenSSH private key file (mode 0600).</param>
/// <param name="Type">The <c>ssh-keygen -t</c> type: <c>ed25519</c>, <c>ecdsa</c> or <c>rsa</c>.</param>
/// <param name="Passphrase">The passphrase it is encrypted with, or null.</param>
public sealed record SshKeyPair(string PrivateKeyPath, string Type, string? Passphrase)
{
    /// <summary>The public key file: <see cref="PrivateKeyPath"/> with <c>.pub</c>.</summary>
    public string PublicKeyPath => PrivateKeyPath + ".pub";

    /// <summary>The public key line (<c>ssh-ed25519 AAAA... comment</c>), as authorized_keys and known_hosts hold it.</summary>
    public string PublicKeyLine => File.ReadAllText(PublicKeyPath).Trim();

    /// <summary>The raw public key blob: the base64 field of <see cref="PublicKeyLine"/>, decoded.</summary>
    public byte[] PublicKeyBlob => Convert.FromBase64String(PublicKeyLine.Split(' ')[1]);

    /// <summary>Makes a new key pair with <c>ssh-keygen</c>.</summary>
    /// <param name="folder">Where to write it.</param>
    /// <param name="name">The private key's file name.</param>
    /// <param name="type"><c>ed25519</c>, <c>ecdsa</c> or <c>rsa</c>.</param>
    /// <param name="passphrase">Encrypts the private key when given.</param>
    /// <param name="cancellationToken">Stops waiting for ssh-keygen.</param>
    /// <returns>The new key pair.</returns>
    public static async Task<SshKeyPair> GenerateAsync(
        string folder, string name, string type = "ed25519", string? passphrase = null, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, name);
        string[] bits = type == "rsa" ? ["-b", "2048"] : [];
        await SshTool.RunAsync("ssh-keygen", ["-q", "-t", type, .. bits, "-N", passphrase ?? "", "-C", name, "-f", path], cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SshKeyPair(path, type, passphrase);
    }
}
