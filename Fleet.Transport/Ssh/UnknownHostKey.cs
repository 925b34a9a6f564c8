namespace Fleet.Transport.Ssh;

/// <summary>A host key that the known_hosts file does not hold, shown to a <see cref="SshTunnelOptions.ConfirmUnknownHostKey"/> callback.</summary>
/// <param name="Host">The host as known_hosts names it: <c>host</c> for port 22, <c>[host]:port</c> otherwise.</param>
/// <param name="KeyType">The key's type as ssh prints it, such as <c>ED25519</c>, <c>ECDSA</c> or <c>RSA</c>.</param>
/// <param name="Fingerprint">The key's SHA256 fingerprint, <c>SHA256:</c> and unpadded base64, as <c>ssh-keygen -l</c> prints it.</param>
/// <param name="KnownHostsFile">The file an accepted key is added to.</param>
public sealed record UnknownHostKey(string Host, string KeyType, string Fingerprint, string KnownHostsFile);
