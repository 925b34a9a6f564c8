using System.Runtime.CompilerServices;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Facade;

/// <summary>Unwrapping the functional layer's results: the value, or the error thrown as its exception.</summary>
internal static class Throwing
{
    /// <summary>The right side, or the left side's exception.</summary>
    public static T OrThrow<T>(this Either<APIError, T> result) =>
        result.Match(value => value, error => throw error.ToException());

    /// <summary>Awaits a result and unwraps it.</summary>
    public static async Task<T> OrThrowAsync<T>(this Task<Either<APIError, T>> result) =>
        (await result.ConfigureAwait(false)).OrThrow();

    /// <summary>Awaits a result that carries nothing on success, throwing its error.</summary>
    public static async Task OrThrowAsync(this Task<Either<APIError, Unit>> result) =>
        (await result.ConfigureAwait(false)).OrThrow();

    /// <summary>
    /// The elements of a functional stream, each mapped; the stream's error (always its last
    /// element) is thrown when it is reached, so the elements before it are still seen.
    /// </summary>
    public static async IAsyncEnumerable<TResult> OrThrow<T, TResult>(
        this IAsyncEnumerable<Either<APIError, T>> items, Func<T, TResult> map, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return map(item.OrThrow());
        }
    }
}
