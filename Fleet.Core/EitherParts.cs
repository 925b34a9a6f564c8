using System.Diagnostics.CodeAnalysis;
using LanguageExt;

namespace Fleet.Core;

/// <summary>Splitting a result into its sides, so that multi-step C# code reads top to bottom and stops at the first error.</summary>
/// <example>
/// <code>
/// if (client.GetUnitAsync(name).Result.Failed(out var unit, out var error)) return error;
/// </code>
/// </example>
public static class EitherParts
{
    /// <summary>Whether the result is an error; either way both sides come out, the unused one as its default.</summary>
    /// <typeparam name="TError">The error's type: <see cref="APIError"/> in this library's results.</typeparam>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="result">The result to split.</param>
    /// <param name="value">The value when the result is a success; otherwise the default of <typeparamref name="T"/>.</param>
    /// <param name="error">The error when the result is a failure; otherwise the default of <typeparamref name="TError"/>.</param>
    /// <returns><see langword="true"/> when the result is an error.</returns>
    public static bool Failed<TError, T>(this Either<TError, T> result, [MaybeNullWhen(true)] out T value, [MaybeNullWhen(false)] out TError error)
    {
        // MatchUnsafe: the unused side is null, which Match would refuse.
        (value, error) = result.MatchUnsafe(right => (right, default(TError)), left => (default(T), left));
        return result.IsLeft;
    }
}
