namespace Fleet.Ssh;

/// <summary>How a command run on a remote host ended, as its SSH server reported it.</summary>
/// <param name="Status">The command's exit status, when the server sent one.</param>
/// <param name="Signal">The signal that ended the command (<c>TERM</c>, <c>KILL</c>, ...), when the server sent one.</param>
/// <remarks>Both are null when the channel closed without either, as when the server lost the command.</remarks>
public sealed record RemoteExit(int? Status, string? Signal);
