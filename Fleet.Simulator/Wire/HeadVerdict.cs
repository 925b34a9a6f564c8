namespace Fleet.Simulator.Wire;

/// <summary>
/// What becomes of a request head: <paramref name="Head"/> is what Kestrel gets instead (null:
/// the head as it came, for Kestrel to judge); <paramref name="Refused"/> when Go would refuse it,
/// and nothing after it on the connection may reach Kestrel.
/// </summary>
internal sealed record HeadVerdict(string? Head, bool Refused)
{
    /// <summary>Hand the head on as it came; Kestrel judges it.</summary>
    public static readonly HeadVerdict Unchanged = new(null, Refused: false);

    /// <summary>The request's method, when the head was read.</summary>
    public string Method { get; init; } = "";

    /// <summary>The header fields handed on besides Host, values joined and trimmed as Go reads them, for the body's framing.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields { get; init; } = [];
}
