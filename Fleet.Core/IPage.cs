namespace Fleet.Core;

/// <summary>One page of a fleet list, and the token that fetches the next.</summary>
/// <typeparam name="T">The item type.</typeparam>
public interface IPage<out T>
{
    /// <summary>The items on this page (at most 100 from fleet).</summary>
    IReadOnlyList<T> Items { get; }

    /// <summary>The token for the next page; absent on the last page.</summary>
    string? NextPageToken { get; }
}
