using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Fleet.Core.Collections;

/// <summary>
/// An immutable string map with value equality, keys in ordinal order (the order fleet writes
/// JSON maps in).
/// </summary>
public sealed class ValueMap : IReadOnlyDictionary<string, string>, IEquatable<ValueMap>
{
    private readonly KeyValuePair<string, string>[] entries;

    private ValueMap(KeyValuePair<string, string>[] entries) => this.entries = entries;

    /// <summary>The empty map.</summary>
    public static ValueMap Empty { get; } = new([]);

    /// <summary>Copies <paramref name="source"/>; a later duplicate key wins.</summary>
    /// <param name="source">The entries.</param>
    /// <returns>A map holding the entries, sorted by key.</returns>
    public static ValueMap From(IEnumerable<KeyValuePair<string, string>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source is ValueMap map) return map;
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            sorted[key] = value;
        }
        return sorted.Count == 0 ? Empty : new ValueMap([.. sorted]);
    }

    /// <inheritdoc />
    public int Count => entries.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    /// <inheritdoc />
    public IEnumerable<string> Values => entries.Select(e => e.Value);

    /// <inheritdoc />
    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no key \"{key}\" in the map");

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? entries[index].Value : null;
        return index >= 0;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var cmp = string.CompareOrdinal(entries[mid].Key, key);
            if (cmp == 0) return mid;
            if (cmp < 0) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /// <inheritdoc />
    public bool Equals(ValueMap? other) =>
        other is not null && (ReferenceEquals(this, other) || entries.AsSpan().SequenceEqual(other.entries));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueMap other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in entries) hash.Add(entry);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", entries.Select(e => $"{e.Key}={e.Value}")) + "}";

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
