namespace Fleet.Cli.Remote;

/// <summary>How a remote command ends when the user interrupts it.</summary>
internal static class RemoteCancellation
{
    /// <summary>
    /// The exit code after Ctrl-C (SIGINT): fleetctl dies of the signal, which a shell reports as
    /// 128 plus the signal's number.
    /// </summary>
    public const int ExitCode = 130;
}
