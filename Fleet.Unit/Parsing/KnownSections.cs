namespace Fleet.UnitFiles.Parsing;

/// <summary>
/// The section names nearly every unit uses, so parsing them costs no allocation: the parser
/// hands out these instances instead of new strings.
/// </summary>
internal static class KnownSections
{
    private static readonly (byte[] Utf8, string Text)[] Names =
        [.. new[] { "Unit", "Service", "X-Fleet", "Install", "Socket", "Timer", "Path", "Mount", "Automount", "Swap", "Slice", "Scope" }
            .Select(name => (System.Text.Encoding.ASCII.GetBytes(name), name))];

    public static string? Find(ReadOnlySpan<byte> name)
    {
        foreach (var (utf8, text) in Names)
        {
            if (name.SequenceEqual(utf8)) return text;
        }
        return null;
    }
}
