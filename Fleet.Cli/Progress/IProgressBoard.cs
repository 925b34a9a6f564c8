namespace Fleet.Cli.Progress;

/// <summary>
/// A live view of units a command waits for: one row per unit with the state and machine last
/// seen and the state awaited. On a terminal it is drawn on standard error below everything
/// printed so far and redrawn as things change; fleetctl's own lines are printed through
/// <see cref="Print"/>, which takes the rows away, lets the line be written, and draws them again
/// under it. Once every row is dropped (or the board disposed) nothing of it is left on the
/// screen, so what remains is exactly what fleetctl prints. Off a terminal it draws nothing.
/// Safe to use from several threads.
/// </summary>
internal interface IProgressBoard : IAsyncDisposable
{
    /// <summary>Shows a row for <paramref name="unit"/>, waiting for <paramref name="target"/>; a unit already shown gets the new target.</summary>
    /// <param name="unit">The unit's name.</param>
    /// <param name="target">What the command waits for, such as <c>launched</c>.</param>
    void Watch(string unit, string target);

    /// <summary>What the last look at a unit saw; ignored for a unit without a row.</summary>
    /// <param name="unit">The unit's name.</param>
    /// <param name="state">Its state, or null when it is not known (yet).</param>
    /// <param name="machine">Where it is, as fleetctl names machines, or null.</param>
    void Saw(string unit, string? state, string? machine);

    /// <summary>Removes a unit's row: it got there, or the wait for it ended.</summary>
    /// <param name="unit">The unit's name.</param>
    void Drop(string unit);

    /// <summary>
    /// Runs <paramref name="write"/>, which writes fleetctl's lines to standard output or error
    /// (and flushes them), with the rows out of the way.
    /// </summary>
    /// <param name="write">The writing.</param>
    void Print(Action write);
}
