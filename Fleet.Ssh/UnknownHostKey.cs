namespace Fleet.Ssh;

/// <summary>A host key that the known_hosts file does not hold, shown to a <see cref="SshTunnelOptions.ConfirmUnknownHostKey"/> callback.</summary>
/// <param name="Host">The host as known_hosts names it: <c>host</c> for port 22, <c>[host]:port</c> otherwise.</param>
/// <param name="KeyType">The key's type as ssh prints it, such as <c>ED25519</c>, <c>ECDSA</c> or <c>RSA</c>.</param>
/// <param name="Fingerprint">The key's SHA256 fingerprint, <c>SHA256:</c> and unpadded base64, as <c>ssh-keygen -l</c> prints it.</param>
/// <param name="KnownHostsFile">The file an accepted key is added to.</param>
public sealed record UnknownHostKey(string Host, string KeyType, string Fingerprint, string KnownHostsFile)
{
    /// <summary>The key's type as the server names it, such as <c>ssh-ed25519</c>, <c>ssh-rsa</c> or <c>ecdsa-sha2-nistp256</c>; empty when not given.</summary>
    public string KeyAlgorithm { get; init; } = "";

    /// <summary>
    /// The key's MD5 fingerprint as fleetctl and older ssh print it: the 16 bytes of the MD5 of the
    /// key blob in lowercase hex, joined by colons (<c>9f:3a:...</c>); empty when not given.
    /// </summary>
    public string Md5Fingerprint { get; init; } = "";
}
