using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Fleet.Core;

namespace Fleet.UnitFiles.Writing;

/// <summary>
/// go-systemd's serializer: options grouped by section in first-seen order, <c>Name=Value</c>
/// per line, a blank line between sections, a final newline. fleet's unit hash is the SHA1 of
/// exactly these bytes.
/// </summary>
internal static class UnitFileWriter
{
    private const int StackLimit = 1024;

    /// <summary>The canonical bytes.</summary>
    public static byte[] ToBytes(ReadOnlySpan<UnitOption> options)
    {
        byte[]? rented = null;
        try
        {
            var buffer = Rent(MaxByteCount(options), ref rented);
            return buffer[..Write(options, buffer)].ToArray();
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>fleet's unit hash: lowercase hex SHA1 of the canonical bytes.</summary>
    // The stack buffer is only read where Write wrote it, so it need not be zeroed (1 KiB a call).
    [SkipLocalsInit]
    public static string Hash(ReadOnlySpan<UnitOption> options)
    {
        byte[]? rented = null;
        try
        {
            var max = MaxByteCount(options);
            var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : Rent(max, ref rented);
            var length = Write(options, buffer);
            Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
            UnitHasher.Hash(buffer[..length], digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static Span<byte> Rent(int length, ref byte[]? rented)
    {
        rented = ArrayPool<byte>.Shared.Rent(length);
        return rented;
    }

    // An upper bound that costs no encoding pass: UTF-8 needs at most 3 bytes per UTF-16 unit.
    private static int MaxByteCount(ReadOnlySpan<UnitOption> options)
    {
        long total = 0;
        foreach (var option in options)
        {
            // "[section]\n\n" per option covers the worst case of every option opening a section.
            total += 3L * (option.Section.Length + option.Name.Length + option.Value.Length) + 6;
        }
        return checked((int)total);
    }

    /// <summary>Writes the canonical bytes into <paramref name="destination"/>, which must be large enough.</summary>
    public static int Write(ReadOnlySpan<UnitOption> options, Span<byte> destination)
    {
        if (options.IsEmpty) return 0;
        if (IsGrouped(options)) return WriteInOrder(options, destination);

        var order = SectionOrder.Of(options);
        try
        {
            return WriteInOrder(options, destination, order.Indices);
        }
        finally
        {
            order.Dispose();
        }
    }

    // Nearly every unit file already lists each section's options together: then the order is
    // the file's, and no grouping work is needed. Past a few sections the sort is cheaper than
    // looking back.
    private static bool IsGrouped(ReadOnlySpan<UnitOption> options)
    {
        const int MaxSections = 16;
        Span<int> starts = stackalloc int[MaxSections];
        var sections = 1;
        var current = options[0].Section;
        for (var i = 1; i < options.Length; i++)
        {
            var section = options[i].Section;
            if (ReferenceEquals(section, current) || section == current) continue;
            if (sections == MaxSections) return false;
            for (var s = 0; s < sections; s++)
            {
                if (options[starts[s]].Section == section) return false;
            }
            starts[sections++] = i;
            current = section;
        }
        return true;
    }

    private static int WriteInOrder(ReadOnlySpan<UnitOption> options, Span<byte> destination, ReadOnlySpan<int> order = default)
    {
        var written = 0;
        string? section = null;
        for (var i = 0; i < options.Length; i++)
        {
            var option = options[order.IsEmpty ? i : order[i]];
            if (section is null || !(ReferenceEquals(section, option.Section) || section == option.Section))
            {
                if (section is not null) destination[written++] = (byte)'\n';
                section = option.Section;
                destination[written++] = (byte)'[';
                written += Encoding.UTF8.GetBytes(section, destination[written..]);
                destination[written++] = (byte)']';
                destination[written++] = (byte)'\n';
            }
            written += Encoding.UTF8.GetBytes(option.Name, destination[written..]);
            destination[written++] = (byte)'=';
            written += Encoding.UTF8.GetBytes(option.Value, destination[written..]);
            destination[written++] = (byte)'\n';
        }
        return written;
    }
}
