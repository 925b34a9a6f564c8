using Fleet.Ssh;

namespace Fleet.Cli.Remote;

/// <summary>What fleetctl makes of a remote command's end (Go's ssh <c>Session.Wait</c>).</summary>
internal static class RemoteExitCodes
{
    /// <summary>Go's message when the server sent neither an exit status nor a signal.</summary>
    public const string Missing = "wait: remote command exited without exit status or exit signal";

    // Go's ssh package knows these signals; another one counts as 128.
    private static readonly Dictionary<string, int> Signals = new(StringComparer.Ordinal)
    {
        ["ABRT"] = 6,
        ["ALRM"] = 14,
        ["FPE"] = 8,
        ["HUP"] = 1,
        ["ILL"] = 4,
        ["INT"] = 2,
        ["KILL"] = 9,
        ["PIPE"] = 13,
        ["QUIT"] = 3,
        ["SEGV"] = 11,
        ["TERM"] = 15,
        ["USR1"] = 10,
        ["USR2"] = 12,
    };

    /// <summary>The command's exit code as fleetctl reports it, or null when the server sent neither a status nor a signal.</summary>
    /// <param name="exit">How the command ended.</param>
    /// <returns>The status; 128 plus the signal's number for a command ended by a signal.</returns>
    public static int? Of(RemoteExit exit)
    {
        ArgumentNullException.ThrowIfNull(exit);
        if (exit.Status is { } status) return status;
        if (exit.Signal is { } signal) return 128 + Signals.GetValueOrDefault(signal);
        return null;
    }
}
