namespace Fleet.Ssh.HostKeys;

/// <summary>The marker that may open a known_hosts line.</summary>
internal enum KnownHostMarker
{
    /// <summary>No marker: the line vouches for the key.</summary>
    None,

    /// <summary><c>@revoked</c>: the key must never be accepted for the hosts.</summary>
    Revoked,

    /// <summary><c>@cert-authority</c>: the key signs host certificates.</summary>
    CertAuthority,
}

/// <summary>One well-formed entry of a known_hosts file: <c>[@marker] hosts keytype base64 [comment]</c>.</summary>
internal sealed class KnownHostLine
{
    private KnownHostLine(int number, string text, KnownHostMarker marker, HostPattern hosts, string keyType, byte[] blob)
    {
        Number = number;
        Text = text;
        Marker = marker;
        Hosts = hosts;
        KeyType = keyType;
        Blob = blob;
    }

    /// <summary>The 1-based line number in the file.</summary>
    public int Number { get; }

    /// <summary>The line as it stands in the file, without its line ending.</summary>
    public string Text { get; }

    /// <summary>The line's marker, if any.</summary>
    public KnownHostMarker Marker { get; }

    /// <summary>The hosts the line applies to.</summary>
    public HostPattern Hosts { get; }

    /// <summary>The key type, which the key type field and the blob agree on.</summary>
    public string KeyType { get; }

    /// <summary>The public key blob.</summary>
    public byte[] Blob { get; }

    /// <summary>Reads one line as OpenSSH's <c>hostkeys_foreach</c> does.</summary>
    /// <param name="text">The line without its line ending (a trailing carriage return is ignored).</param>
    /// <param name="number">Its 1-based line number.</param>
    /// <returns>The entry, or null for a blank line, a comment, or a line OpenSSH would skip as invalid.</returns>
    public static KnownHostLine? Parse(string text, int number)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Files edited on Windows end lines with CRLF; OpenSSH would fail to decode the key's last field, we forgive it.
        if (text.EndsWith('\r')) text = text[..^1];
        var rest = text.AsSpan();

        var field = NextField(ref rest);
        if (field.IsEmpty || field[0] == '#') return null;

        var marker = KnownHostMarker.None;
        if (field[0] == '@')
        {
            // Markers are case-sensitive and only one is allowed; an unknown one makes the line invalid.
            if (field.SequenceEqual("@revoked")) marker = KnownHostMarker.Revoked;
            else if (field.SequenceEqual("@cert-authority")) marker = KnownHostMarker.CertAuthority;
            else return null;
            field = NextField(ref rest);
            if (field.IsEmpty || field[0] == '@') return null;
        }

        var hosts = HostPattern.Parse(field.ToString());
        if (hosts is null) return null;

        var typeField = NextField(ref rest);
        var keyField = NextField(ref rest);
        if (typeField.IsEmpty || typeField[0] == '#' || keyField.IsEmpty) return null;

        var buffer = new byte[keyField.Length];
        if (!Convert.TryFromBase64Chars(keyField, buffer, out var written)) return null;
        var blob = buffer[..written];
        // OpenSSH refuses a line whose key type field disagrees with the type inside the key.
        var keyType = SshPublicKey.KeyType(blob);
        if (keyType.Length == 0 || !typeField.SequenceEqual(keyType)) return null;

        return new KnownHostLine(number, text, marker, hosts, keyType, blob);
    }

    private static ReadOnlySpan<char> NextField(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t");
        var end = rest.IndexOfAny(' ', '\t');
        if (end < 0) end = rest.Length;
        var field = rest[..end];
        rest = rest[end..];
        return field;
    }
}
