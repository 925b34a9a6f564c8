namespace Fleet.UnitFiles.Parsing;

/// <summary>
/// The option names real unit files use most ([Unit], [Service], [Install], [Socket], [Timer]
/// and fleet's [X-Fleet]), handed out as shared strings like <see cref="KnownSections"/>, so
/// such a name costs neither a conversion nor an allocation. Names are looked up among those of
/// the same length, after a one-bit test on the first byte that turns most unknown names away.
/// </summary>
internal static class KnownOptionNames
{
    private static readonly string[] Names =
    [
        // [Unit]
        "Description", "Documentation", "Requires", "Requisite", "Wants", "BindsTo", "PartOf",
        "Conflicts", "Before", "After", "OnFailure", "ConditionPathExists", "AssertPathExists",
        // [Service]
        "Type", "ExecStart", "ExecStartPre", "ExecStartPost", "ExecStop", "ExecStopPost",
        "ExecReload", "Restart", "RestartSec", "TimeoutSec", "TimeoutStartSec", "TimeoutStopSec",
        "RemainAfterExit", "PIDFile", "User", "Group", "Environment", "EnvironmentFile",
        "WorkingDirectory", "KillMode", "KillSignal", "LimitNOFILE", "StandardOutput",
        "StandardError", "SyslogIdentifier", "Nice", "SuccessExitStatus",
        // [Install]
        "WantedBy", "RequiredBy", "Alias", "Also",
        // [Socket], [Timer], [Path], [Mount]
        "ListenStream", "ListenDatagram", "Accept", "Service", "OnCalendar", "OnBootSec",
        "OnUnitActiveSec", "OnActiveSec", "Persistent", "AccuracySec", "Unit", "PathExists",
        "PathChanged", "What", "Where", "Options",
        // [X-Fleet]
        "MachineID", "MachineOf", "MachineMetadata", "Global", "Replaces",
        "X-ConditionMachineID", "X-ConditionMachineOf", "X-ConditionMachineBootID",
        "X-ConditionMachineMetadata", "X-Conflicts",
    ];

    // ByLength[n]: the known names of n bytes (all ASCII), as bytes and as the shared string.
    private static readonly (byte[] Utf8, string Text)[][] ByLength = Group();

    // FirstBytes[n]: bit (b % 64) is set when a known name of n bytes begins with byte b.
    private static readonly ulong[] FirstBytes = [.. ByLength.Select(names => names.Aggregate(0UL, (bits, name) => bits | (1UL << name.Utf8[0])))];

    public static string? Find(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length >= ByLength.Length || (FirstBytes[name.Length] & (1UL << name[0])) == 0) return null;
        foreach (var (utf8, text) in ByLength[name.Length])
        {
            if (utf8[0] == name[0] && name.SequenceEqual(utf8)) return text;
        }
        return null;
    }

    private static (byte[] Utf8, string Text)[][] Group()
    {
        var byLength = new (byte[] Utf8, string Text)[Names.Max(name => name.Length) + 1][];
        for (var length = 0; length < byLength.Length; length++)
        {
            byLength[length] = [.. Names.Where(name => name.Length == length).Select(name => (System.Text.Encoding.ASCII.GetBytes(name), name))];
        }
        return byLength;
    }
}
