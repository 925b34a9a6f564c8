using Fleet.Core;

namespace Fleet.Ssh.Tunnel;

/// <summary>Where on the way to fleet an SSH tunnel failed.</summary>
internal enum SshStage
{
    Connect,
    KeyExchange,
    HostKey,
    Authentication,
    ChannelOpen,
    RemoteCommand,
    Session,
}

/// <summary>SSH failures as values, each naming the host and the stage.</summary>
internal static class SshErrors
{
    public static string Name(this SshStage stage) => stage switch
    {
        SshStage.Connect => "connect",
        SshStage.KeyExchange => "key exchange",
        SshStage.HostKey => "host key",
        SshStage.Authentication => "authentication",
        SshStage.ChannelOpen => "channel open",
        SshStage.RemoteCommand => "remote command",
        _ => "session",
    };

    public static APIError At(string host, SshStage stage, string message) =>
        new(ErrorKind.Ssh, $"ssh {host}: {stage.Name()}: {message}");

    public static APIError Timeout(string host, SshStage stage, string message) =>
        new(ErrorKind.Timeout, $"ssh {host}: {stage.Name()}: {message}");
}
