using Fleet.Core;

namespace Fleet;

/// <summary>Recognising fleet's answer for a unit that does not exist.</summary>
internal static class NotFound
{
    /// <summary>Whether an error is fleet's 404 (no such unit).</summary>
    public static bool IsNotFound(this APIError error) => error is { Kind: ErrorKind.Http, Code: 404 };
}
