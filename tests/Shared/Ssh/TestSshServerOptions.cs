namespace Fleet.Tests.Shared.Ssh;

/// <summary>How a <see cref="TestSshServer"/> is configured.</summary>
public sealed record TestSshServerOptions
{
    /// <summary>Whether clients may open direct-tcpip channels (TCP forwarding); off makes sshd refuse them, as a locked-down host does.</summary>
    public bool AllowForwarding { get; init; } = true;

    /// <summary>The most sessions (exec channels) one SSH connection may hold (sshd's MaxSessions; OpenSSH's default, 10, unless set).</summary>
    public int MaxSessions { get; init; } = 10;

    /// <summary>Environment variables set in every session (sshd's SetEnv), for example a PATH that puts test scripts first.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
