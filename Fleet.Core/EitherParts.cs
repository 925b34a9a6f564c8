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
    /// <param name="result">The result to split.</param>
    /// <param name="value">The value when the result is a success; otherwise the default of <typeparamref name="T"/>.</param>
    /// <param name="error">The error when the result is a failure; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the result is an error.</returns>
    public static bool Failed<T>(this Either<APIError, T> result, [MaybeNullWhen(true)] out T value, [MaybeNullWhen(false)] out APIError error)
    {
        // MatchUnsafe: the unused side is null, which Match would refuse.
        (value, error) = result.MatchUnsafe(right => (right, (APIError?)null), left => (default(T), left));
        return result.IsLeft;
    }
}
