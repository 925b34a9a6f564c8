using System.Collections;
using System.Runtime.CompilerServices;

namespace Fleet.Core.Collections;

/// <summary>
/// An immutable list with value equality, so that records holding lists compare by content.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    private ValueList(T[] items) => this.items = items;

    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => items.Length;

    /// <inheritdoc />
    public T this[int index] => items[index];

    /// <summary>Copies <paramref name="source"/> into a new list, or returns it when it already is one.</summary>
    /// <param name="source">The elements, in order.</param>
    /// <returns>A list holding the elements of <paramref name="source"/>.</returns>
    public static ValueList<T> From(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source switch
        {
            ValueList<T> list => list,
            ICollection<T> { Count: 0 } => Empty,
            _ => new ValueList<T>([.. source]),
        };
    }

    /// <summary>Copies a span of elements into a new list (the form C# collection expressions use).</summary>
    /// <param name="items">The elements, in order.</param>
    /// <returns>A list holding the elements.</returns>
    public static ValueList<T> Create(ReadOnlySpan<T> items) => items.IsEmpty ? Empty : new ValueList<T>(items.ToArray());

    /// <summary>The elements as a span, for callers that index in a hot loop.</summary>
    /// <returns>A read-only view of the elements.</returns>
    public ReadOnlySpan<T> AsSpan() => items;

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.items.Length != items.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < items.Length; i++)
        {
            if (!comparer.Equals(items[i], other.items[i])) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", items) + "]";

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}

/// <summary>Creates <see cref="ValueList{T}"/> values.</summary>
public static class ValueList
{
    /// <summary>Copies a span of elements into a new list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements, in order.</param>
    /// <returns>A list holding the elements.</returns>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => ValueList<T>.Create(items);
}
