using System.Diagnostics.CodeAnalysis;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// <see cref="EitherParts.Failed{T}"/> for the command line's results whose failure is already
/// fleetctl's text, so that they split the same way.
/// </summary>
internal static class TextFailures
{
    /// <summary>Whether the result is a failure; either way both sides come out, the unused one as its default.</summary>
    /// <typeparam name="T">The success's type.</typeparam>
    /// <param name="result">The result to split.</param>
    /// <param name="value">The value when the result is a success; otherwise the default of <typeparamref name="T"/>.</param>
    /// <param name="failure">fleetctl's text when the result is a failure; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the result is a failure.</returns>
    public static bool Failed<T>(this Either<string, T> result, [MaybeNullWhen(true)] out T value, [MaybeNullWhen(false)] out string failure)
    {
        // MatchUnsafe: the unused side is null, which Match would refuse.
        (value, failure) = result.MatchUnsafe(right => (right, (string?)null), left => (default(T), left));
        return result.IsLeft;
    }
}
