using Fleet.Core;
using LanguageExt;

namespace Fleet;

/// <summary>Helpers for the client's async streams of results.</summary>
public static class FleetStreams
{
    /// <summary>
    /// Reads a stream to its end and collects its items, or answers its first error (the client's
    /// streams end at their first error).
    /// </summary>
    /// <param name="stream">A stream such as <see cref="FleetClient.ListUnits"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static async Task<Either<APIError, IReadOnlyList<T>>> CollectAsync<T>(this IAsyncEnumerable<Either<APIError, T>> stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var items = new List<T>();
        await foreach (var item in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Failed(out var value, out var error)) return error;
            items.Add(value);
        }
        return items;
    }
}
