namespace Fleet.Ssh;

/// <summary>A private key file to authenticate with.</summary>
/// <param name="Path">An OpenSSH, PEM or PuTTY private key file; <c>~</c> is the home folder.</param>
/// <param name="Passphrase">The passphrase it is encrypted with, or null.</param>
public sealed record SshKeyFile(string Path, string? Passphrase = null)
{
    /// <inheritdoc />
    public override string ToString() => Path;
}
