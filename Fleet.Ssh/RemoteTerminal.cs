namespace Fleet.Ssh;

/// <summary>The pseudo-terminal to ask the remote host for, described as the local one is.</summary>
/// <param name="Name">The terminal type, the remote <c>TERM</c> (fleetctl asks for <c>xterm-256color</c>).</param>
/// <param name="Columns">Its width in characters.</param>
/// <param name="Rows">Its height in lines.</param>
public sealed record RemoteTerminal(string Name, int Columns, int Rows);
