using Fleet.Core;
using Fleet.Ssh.HostKeys;

namespace Fleet.Ssh.Tunnel;

/// <summary>
/// Decides whether to trust the host key a server presents, with OpenSSH's rules over one
/// known_hosts file, and remembers why it refused. It never writes: a key the caller confirms is
/// recorded by the session after the handshake it refused, then the session connects again.
/// </summary>
internal sealed class HostKeyCheck(TunnelAddress address, KnownHosts knownHosts, bool strict, bool canConfirm)
{
    private readonly string name = SshPublicKey.HostName(address.Host, address.Port);

    /// <summary>Why the last key was refused, when it was.</summary>
    public APIError? Refusal { get; private set; }

    /// <summary>The unknown key the caller may still confirm, when that is why it was refused.</summary>
    public (UnknownHostKey Question, byte[] Key)? Unconfirmed { get; private set; }

    /// <summary>Whether the server got as far as presenting a key (so key exchange worked).</summary>
    public bool Presented { get; private set; }

    public bool Trust(byte[] key)
    {
        Presented = true;
        if (!strict) return true;
        var verdict = knownHosts.Check(address.Host, address.Port, key);
        var type = SshPublicKey.DisplayType(SshPublicKey.KeyType(key));
        var fingerprint = SshPublicKey.FingerprintSha256(key);
        switch (verdict.Status)
        {
            case HostKeyStatus.Known:
                return true;
            case HostKeyStatus.Revoked:
                Refusal = Refused($"the server presents the {type} key {fingerprint}, which line {verdict.Line} of {verdict.File} marks @revoked");
                return false;
            case HostKeyStatus.Changed:
                Refusal = Refused(
                    $"REMOTE HOST IDENTIFICATION HAS CHANGED: the server presents the {type} key {fingerprint}, but line {verdict.Line} of {verdict.File} " +
                    $"holds another {type} key for {name}. Someone could be intercepting the connection, or the host key was replaced; " +
                    $"if you know it was, remove that line (ssh-keygen -R '{name}' -f {verdict.File}) and connect again");
                return false;
            default:
                if (canConfirm)
                {
                    var question = new UnknownHostKey(name, type, fingerprint, knownHosts.Path)
                    {
                        KeyAlgorithm = SshPublicKey.KeyType(key),
                        Md5Fingerprint = SshPublicKey.FingerprintMd5(key),
                    };
                    Unconfirmed = (question, key);
                }
                Refusal = Refused(
                    $"the authenticity of {name} can't be established: its {type} key {fingerprint} is not in {knownHosts.Path}. " +
                    $"If that is the server's fingerprint, add its key (ssh-keyscan -p {address.Port} {address.Host} >> {knownHosts.Path}), " +
                    "or turn strict host key checking off");
                return false;
        }
    }

    private APIError Refused(string message) => SshErrors.At(address.ToString(), SshStage.HostKey, message);
}
