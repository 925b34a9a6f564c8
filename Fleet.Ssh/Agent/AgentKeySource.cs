using Renci.SshNet;
using Renci.SshNet.Security;

namespace Fleet.Ssh.Agent;

/// <summary>
/// The keys an ssh-agent holds, as a key source for SSH.NET's
/// <see cref="PrivateKeyAuthenticationMethod"/>: SSH.NET offers each algorithm to the server in
/// turn and has the agent sign for the first the server accepts.
/// </summary>
internal sealed class AgentKeySource : IPrivateKeySource
{
    /// <summary>Offers <paramref name="identities"/>, in their order, signed through <paramref name="agent"/>.</summary>
    /// <param name="agent">The agent holding the keys; it must outlive the authentication.</param>
    /// <param name="identities">The keys to offer, usually all the agent listed.</param>
    public AgentKeySource(SshAgentClient agent, IReadOnlyList<AgentIdentity> identities)
    {
        var algorithms = new List<HostAlgorithm>(identities.Count + 1);
        foreach (var identity in identities)
        {
            foreach (var (name, flags) in SignatureAlgorithms(identity.KeyType))
            {
                algorithms.Add(new AgentHostAlgorithm(agent, identity, name, flags));
            }
        }
        HostKeyAlgorithms = algorithms;
    }

    /// <summary>The algorithms to offer: each key under its own type, RSA keys as rsa-sha2-512 then rsa-sha2-256.</summary>
    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    /// <summary>
    /// The signature algorithms a key type is offered under, with the sign request flags for
    /// each. RSA keys are never offered as <c>ssh-rsa</c>: SHA-1 signatures are refused by
    /// OpenSSH since 8.8, and each refusal spends one of the server's authentication attempts.
    /// Other types (ed25519, ECDSA, security keys, certificates) sign under their own name.
    /// </summary>
    /// <param name="keyType">The key type the public key blob starts with.</param>
    /// <returns>The algorithm names and flags, most preferred first.</returns>
    internal static IEnumerable<(string Name, uint Flags)> SignatureAlgorithms(string keyType) => keyType switch
    {
        "ssh-rsa" => [("rsa-sha2-512", SshAgentClient.RsaSha512), ("rsa-sha2-256", SshAgentClient.RsaSha256)],
        "ssh-rsa-cert-v01@openssh.com" =>
            [("rsa-sha2-512-cert-v01@openssh.com", SshAgentClient.RsaSha512), ("rsa-sha2-256-cert-v01@openssh.com", SshAgentClient.RsaSha256)],
        "" => [],
        _ => [(keyType, 0u)],
    };
}
