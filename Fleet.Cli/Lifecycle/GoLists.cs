namespace Fleet.Cli.Lifecycle;

/// <summary>How Go's <c>%v</c> prints a list of strings.</summary>
internal static class GoLists
{
    /// <summary><c>[a b]</c>, and <c>[]</c> for none.</summary>
    /// <param name="items">The strings.</param>
    /// <returns>The text.</returns>
    public static string Format(IEnumerable<string> items) => $"[{string.Join(' ', items)}]";
}
