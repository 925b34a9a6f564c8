using System.Buffers;
using System.Text;
using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.UnitFiles.Parsing;
using Fleet.UnitFiles.Requirements;
using Fleet.UnitFiles.Writing;
using LanguageExt;

namespace Fleet.UnitFiles;

/// <summary>
/// A systemd unit file as fleet sees it: an ordered list of options. Parsed as fleet parses
/// (go-systemd's rules, byte for byte), written in fleet's canonical form, and hashed as fleet
/// hashes, so <see cref="Hash"/> is the hash fleet shows for the same unit. Immutable: edits
/// return new values.
/// </summary>
public sealed class UnitFile : IEquatable<UnitFile>
{
    /// <summary>The largest unit file read from a file or stream (4 MiB); fleet keeps units in etcd, which holds far less.</summary>
    public const int DefaultMaxBytes = 4 * 1024 * 1024;

    private string? hash;

    private UnitFile(ValueList<UnitOption> options) => Options = options;

    /// <summary>A unit file without options.</summary>
    public static UnitFile Empty { get; } = new(ValueList<UnitOption>.Empty);

    /// <summary>The options in file order; repeated options and interleaved sections are kept as they are.</summary>
    public ValueList<UnitOption> Options { get; }

    /// <summary>fleet's unit hash: the lowercase hex SHA1 of <see cref="ToUtf8Bytes"/>.</summary>
    public string Hash => hash ??= UnitFileWriter.Hash(Options.AsSpan());

    /// <summary>The first <c>Description</c> of the <c>[Unit]</c> section, or the empty string (what fleetctl lists as DESC).</summary>
    public string Description =>
        Options.FirstOrDefault(o => o is { Section: "Unit", Name: "Description" })?.Value ?? "";

    /// <summary>A unit file holding the given options, in order.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The unit file.</returns>
    public static UnitFile FromOptions(IEnumerable<UnitOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = ValueList<UnitOption>.From(options);
        foreach (var option in list) ArgumentNullException.ThrowIfNull(option, nameof(options));
        return list.Count == 0 ? Empty : new UnitFile(list);
    }

    /// <summary>Parses unit-file text as fleet does.</summary>
    /// <param name="text">The unit file's text.</param>
    /// <returns>The unit file, or an error saying what is wrong and where.</returns>
    public static Either<APIError, UnitFile> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return Parse(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses the UTF-8 bytes of a unit file as fleet does.</summary>
    /// <param name="utf8">The unit file's bytes.</param>
    /// <returns>The unit file, or an error saying what is wrong and where.</returns>
    public static Either<APIError, UnitFile> Parse(ReadOnlySpan<byte> utf8)
    {
        var options = UnitFileParser.Parse(utf8, out var failure);
        if (options is null) return failure.ToError(utf8);
        return options.Count == 0 ? Empty : new UnitFile(options);
    }

    /// <summary>
    /// Parses as <see cref="Parse(ReadOnlySpan{byte})"/> does, but a rejected file's error carries
    /// go-systemd's own short words (<c>unable to find end of section</c>, <c>EOF</c>), the text
    /// fleet and fleetctl print, instead of the explanation with its place.
    /// </summary>
    /// <param name="utf8">The unit file's bytes.</param>
    /// <returns>The unit file, or an error of kind <see cref="ErrorKind.UnitFile"/> in fleet's words.</returns>
    public static Either<APIError, UnitFile> ParseAsFleet(ReadOnlySpan<byte> utf8)
    {
        var options = UnitFileParser.Parse(utf8, out var failure);
        if (options is null) return APIError.UnitFile(failure.FleetMessage(utf8), SourceLocation.Of(utf8, failure.Offset));
        return options.Count == 0 ? Empty : new UnitFile(options);
    }

    /// <summary>Reads and parses a unit file from disk.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <returns>The unit file, or an error naming the file and what is wrong with it.</returns>
    public static Either<APIError, UnitFile> Load(string path, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return ReadAll(stream, maxBytes, path).Bind(bytes => InFile(path, Parse(bytes)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CannotRead(path, e);
        }
    }

    /// <summary>Reads and parses a unit file from disk without blocking.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The unit file, or an error naming the file and what is wrong with it.</returns>
    public static async Task<Either<APIError, UnitFile>> LoadAsync(string path, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var bytes = await ReadAllAsync(stream, maxBytes, path, cancellationToken).ConfigureAwait(false);
            return bytes.Bind(b => InFile(path, Parse(b)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CannotRead(path, e);
        }
    }

    /// <summary>Reads a stream to its end and parses it as a unit file.</summary>
    /// <param name="stream">The stream; read, not disposed.</param>
    /// <param name="maxBytes">The most bytes read before giving up with an error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The unit file, or an error saying what is wrong.</returns>
    public static async Task<Either<APIError, UnitFile>> ReadAsync(Stream stream, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var bytes = await ReadAllAsync(stream, maxBytes, "the stream", cancellationToken).ConfigureAwait(false);
            return bytes.Bind(b => Parse(b));
        }
        catch (IOException e)
        {
            return APIError.UnitFile($"cannot read the unit file from the stream: {e.Message}");
        }
    }

    /// <summary>A copy with one more option at the end.</summary>
    /// <param name="section">The section, without brackets.</param>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new unit file.</returns>
    public UnitFile AddOption(string section, string name, string value) => AddOption(new UnitOption(section, name, value));

    /// <summary>A copy with one more option at the end.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The new unit file.</returns>
    public UnitFile AddOption(UnitOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return new UnitFile([.. Options, option]);
    }

    /// <summary>A copy without the options of a section and name, or only those with a given value.</summary>
    /// <param name="section">The section.</param>
    /// <param name="name">The option name.</param>
    /// <param name="value">When given, only options with exactly this value are removed.</param>
    /// <returns>The new unit file; this one when nothing matched.</returns>
    public UnitFile RemoveOptions(string section, string name, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(name);
        var kept = Options.Where(o => !(o.Section == section && o.Name == name && (value is null || o.Value == value))).ToArray();
        return kept.Length == Options.Count ? this : FromOptions(kept);
    }

    /// <summary>fleet's canonical text: options grouped by section in first-seen order, a blank line between sections.</summary>
    /// <returns>The canonical bytes, UTF-8.</returns>
    public byte[] ToUtf8Bytes() => UnitFileWriter.ToBytes(Options.AsSpan());

    /// <summary>fleet's canonical text of this unit file.</summary>
    /// <returns>The text fleet stores and shows (<c>fleetctl cat</c>).</returns>
    public string Render() => Encoding.UTF8.GetString(ToUtf8Bytes());

    /// <summary>The <c>[X-Fleet]</c> requirements.</summary>
    /// <param name="unitName">The unit's name, to replace <c>%n %N %p %i</c> as fleet does when scheduling it.</param>
    /// <returns>The requirements.</returns>
    public FleetRequirements Requirements(string? unitName = null) => FleetRequirements.Of(Options, unitName);

    /// <summary>
    /// fleet's check before it accepts a unit: the options must read back unchanged in shape
    /// (no line of 2048 bytes or more, no newline in a name) and the requirements must not
    /// contradict each other (MachineID with Peers, Conflicts, Global or Replaces; Global with
    /// Peers or Replaces; Conflicts with Replaces; a peer matching a conflict or a replace). And,
    /// before fleet's checks, no option may hold half of a surrogate pair, which has no UTF-8 form
    /// and so could only be sent changed.
    /// </summary>
    /// <returns>This unit file, or an error with the message fleet's API gives (for half of a surrogate pair, this library's).</returns>
    public Either<APIError, UnitFile> Validate() => UnitOptionRules.Check(Options) is { } error ? error : this;

    /// <inheritdoc />
    public bool Equals(UnitFile? other) => other is not null && Options.Equals(other.Options);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is UnitFile other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Options.GetHashCode();

    /// <summary>The canonical text (<see cref="Render"/>).</summary>
    /// <returns>The canonical text.</returns>
    public override string ToString() => Render();

    private static Either<APIError, UnitFile> InFile(string path, Either<APIError, UnitFile> parsed) =>
        parsed.MapLeft(error => error with { Message = $"{path}: {error.Message}" });

    private static APIError CannotRead(string path, Exception e) =>
        APIError.UnitFile($"cannot read unit file {path}: {e.Message}");

    private static Either<APIError, byte[]> ReadAll(Stream stream, int maxBytes, string source)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes) return TooLarge(source, maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static async Task<Either<APIError, byte[]>> ReadAllAsync(Stream stream, int maxBytes, string source, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes) return TooLarge(source, maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static APIError TooLarge(string source, int maxBytes) =>
        APIError.UnitFile($"{source} is larger than {maxBytes} bytes, the most a unit file may be");
}
