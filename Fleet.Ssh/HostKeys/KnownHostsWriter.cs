using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Fleet.Ssh.HostKeys;

/// <summary>Adds host keys to a known_hosts file without ever leaving it half-written.</summary>
internal static class KnownHostsWriter
{
    private const int SaltLength = 20;

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // One gate per file, so appends from several tasks in this process each see the others' lines.
    // Other processes (ssh itself appends with fopen "a") are not serialised with us.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>
    /// Appends a hashed entry for a host, as ssh does with <c>HashKnownHosts yes</c>: <c>|1|salt|hash keytype base64</c>.
    /// The file is replaced atomically (existing content and the new line go to a temporary file in the same folder,
    /// which is flushed to disk and renamed over the file), so a crash leaves the old file or the new one, never a part.
    /// Existing lines are kept byte for byte, and a final newline is added when the file lacks one.
    /// A missing folder is created with mode 0700 and a missing file with mode 0600; an existing file keeps its mode,
    /// and a symbolic link is written through to its target.
    /// Appends from this process are serialised per file; callers must not race other processes writing the same file.
    /// </summary>
    /// <param name="path">The known_hosts file.</param>
    /// <param name="host">The host name or address, in any case.</param>
    /// <param name="port">The port; other than 22 it is written as <c>[host]:port</c>.</param>
    /// <param name="keyBlob">The host key blob.</param>
    /// <param name="ct">Stops the write before the file is replaced.</param>
    /// <returns>The line written, without its newline.</returns>
    /// <exception cref="ArgumentException">The blob is not an SSH public key.</exception>
    public static async Task<string> AppendHashedAsync(string path, string host, int port, byte[] keyBlob, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(keyBlob);
        var keyType = SshPublicKey.KeyType(keyBlob);
        if (keyType.Length == 0) throw new ArgumentException("not an SSH public key blob", nameof(keyBlob));

        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var line = HostPattern.Hash(salt, SshPublicKey.HostName(host, port)) + " " + keyType + " " + Convert.ToBase64String(keyBlob);

        var target = Target(Path.GetFullPath(path));
        var gate = Gates.GetOrAdd(target, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await ReplaceAsync(target, line, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
        return line;
    }

    // Renaming over a symbolic link would replace the link with a file; write where it points instead.
    private static string Target(string path) =>
        new FileInfo(path).LinkTarget is null ? path : new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static async Task ReplaceAsync(string target, string line, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"{target} has no folder", nameof(target));
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, FolderMode);

        byte[] existing;
        UnixFileMode? existingMode = null;
        try
        {
            existing = await File.ReadAllBytesAsync(target, ct).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows()) existingMode = File.GetUnixFileMode(target);
        }
        catch (FileNotFoundException)
        {
            existing = [];
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            // Created private, so the copy is never more readable than the file it replaces.
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFileMode;
            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(existing, ct).ConfigureAwait(false);
                // Without this the new entry would be glued onto the last existing line and both would be lost to ssh.
                if (existing.Length > 0 && existing[^1] != (byte)'\n') stream.WriteByte((byte)'\n');
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            if (existingMode is { } mode && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, mode);
            ct.ThrowIfCancellationRequested();
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            // Only left when something failed before the rename.
            File.Delete(temp);
        }
    }
}
