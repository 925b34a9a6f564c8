using Fleet.Core;
using LanguageExt;

namespace Fleet.Tests.Shared;

/// <summary>Reading results in assertions: the value, or a failure that shows the other side.</summary>
internal static class EitherResults
{
    public static T Right<T>(this Either<APIError, T> result) =>
        result.Match(value => value, error => throw new Xunit.Sdk.XunitException($"expected a value, got {error}"));

    public static APIError Left<T>(this Either<APIError, T> result) =>
        result.Match(value => throw new Xunit.Sdk.XunitException($"expected an error, got {value}"), error => error);
}
