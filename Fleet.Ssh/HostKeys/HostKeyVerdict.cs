namespace Fleet.Ssh.HostKeys;

/// <summary>What known_hosts says about a server's host key.</summary>
internal enum HostKeyStatus
{
    /// <summary>An entry for the host holds this key.</summary>
    Known,

    /// <summary>No entry for the host holds a key of this type.</summary>
    Unknown,

    /// <summary>An entry for the host holds a different key of the same type: possibly a man in the middle.</summary>
    Changed,

    /// <summary>A <c>@revoked</c> entry names this key: never trust it.</summary>
    Revoked,
}

/// <summary>The outcome of checking a host key against one known_hosts file.</summary>
/// <param name="Status">Known, unknown, changed or revoked.</param>
/// <param name="File">The known_hosts file that was checked.</param>
/// <param name="Line">
/// The 1-based line number of the entry that decided: the matching entry when Known, the contradicting entry when Changed,
/// the <c>@revoked</c> entry when Revoked; null when Unknown.
/// </param>
/// <param name="LineText">That line as it stands in the file, or null when Unknown.</param>
internal sealed record HostKeyVerdict(HostKeyStatus Status, string File, int? Line = null, string? LineText = null);
