using Fleet.Core;
using LanguageExt;

namespace Fleet.Transport.Api;

/// <summary>Splitting a result into its sides, so multi-step operations read top to bottom and stop at the first error.</summary>
internal static class EitherParts
{
    /// <summary>Whether the result is an error; either way its sides come out.</summary>
    public static bool Failed<T>(this Either<APIError, T> result, out T value, out APIError error)
    {
        // MatchUnsafe: the unused side is null, which Match would refuse.
        (value, error) = result.MatchUnsafe(right => (right, (APIError)null!), left => (default(T)!, left));
        return result.IsLeft;
    }

    /// <summary>Whether an error is fleet's 404 (no such unit).</summary>
    public static bool IsNotFound(this APIError error) => error is { Kind: ErrorKind.Http, Code: 404 };
}
