namespace Fleet.Ssh.HostKeys;

/// <summary>
/// A known_hosts file, read and checked the way OpenSSH's ssh does: host patterns, hashed names, <c>@revoked</c>
/// entries, and <c>[host]:port</c> names for servers off port 22.
/// </summary>
internal sealed class KnownHosts
{
    private readonly KnownHostLine[] lines;

    private KnownHosts(string path, KnownHostLine[] lines)
    {
        Path = path;
        this.lines = lines;
    }

    /// <summary>The file the entries came from, named in every verdict.</summary>
    public string Path { get; }

    /// <summary>The entries that count: well-formed, without a <c>@cert-authority</c> marker, in file order.</summary>
    public IReadOnlyList<KnownHostLine> Lines => lines;

    /// <summary>Reads the text of a known_hosts file. Never throws on content.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="path">Where it came from.</param>
    /// <returns>The entries; lines OpenSSH would skip (blank, comments, malformed, <c>@cert-authority</c>) are left out.</returns>
    public static KnownHosts Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var entries = new List<KnownHostLine>();
        var number = 0;
        // Only '\n' ends a line, as for OpenSSH's getline, so line numbers agree with ssh's messages;
        // a '\r' before it is dropped by KnownHostLine.
        foreach (var line in text.Split('\n'))
        {
            number++;
            // Host certificates are not supported, so a CA line can vouch for nothing here.
            if (KnownHostLine.Parse(line, number) is { Marker: not KnownHostMarker.CertAuthority } entry)
            {
                entries.Add(entry);
            }
        }
        return new KnownHosts(path, [.. entries]);
    }

    /// <summary>Reads a known_hosts file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="ct">Stops the read.</param>
    /// <returns>Its entries; a missing file or folder is an empty file, as it is to ssh on first use.</returns>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file exists but may not be read.</exception>
    public static async Task<KnownHosts> LoadAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            text = "";
        }
        return Parse(text, path);
    }

    /// <summary>Checks a server's host key against the entries for the host.</summary>
    /// <param name="host">The host name or address connected to, in any case.</param>
    /// <param name="port">The port connected to.</param>
    /// <param name="keyBlob">The host key blob the server presented.</param>
    /// <returns>
    /// Revoked when a <c>@revoked</c> entry for the host holds the key (whatever else the file says); else Known when an entry
    /// holds it; else Changed, naming the first entry with a different key of the same type (every ECDSA curve counting as one type, as OpenSSH counts them); else Unknown.
    /// </returns>
    public HostKeyVerdict Check(string host, int port, ReadOnlySpan<byte> keyBlob)
    {
        var name = SshPublicKey.HostName(host, port);
        var keyType = SshPublicKey.KeyType(keyBlob);
        KnownHostLine? known = null, changed = null;
        foreach (var line in lines)
        {
            if (!line.Hosts.Matches(name)) continue;
            var same = keyBlob.SequenceEqual(line.Blob);
            if (line.Marker == KnownHostMarker.Revoked)
            {
                if (same) return Verdict(HostKeyStatus.Revoked, line);
            }
            else if (same)
            {
                known ??= line;
            }
            else if (SshPublicKey.Family(line.KeyType) == SshPublicKey.Family(keyType))
            {
                changed ??= line;
            }
        }
        return known is not null ? Verdict(HostKeyStatus.Known, known)
            : changed is not null ? Verdict(HostKeyStatus.Changed, changed)
            : new HostKeyVerdict(HostKeyStatus.Unknown, Path);
    }

    /// <summary>The key types known for a host, to offer those host key algorithms first as ssh does.</summary>
    /// <param name="host">The host name or address, in any case.</param>
    /// <param name="port">The port.</param>
    /// <returns>The key types (such as <c>ssh-rsa</c>) of the host's entries other than <c>@revoked</c> ones, distinct, in file order.</returns>
    public IReadOnlyList<string> KnownKeyTypes(string host, int port)
    {
        var name = SshPublicKey.HostName(host, port);
        var types = new List<string>();
        foreach (var line in lines)
        {
            if (line.Marker == KnownHostMarker.None && !types.Contains(line.KeyType) && line.Hosts.Matches(name))
            {
                types.Add(line.KeyType);
            }
        }
        return types;
    }

    private HostKeyVerdict Verdict(HostKeyStatus status, KnownHostLine line) => new(status, Path, line.Number, line.Text);
}
