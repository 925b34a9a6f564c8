namespace Fleet.Cli.Progress;

/// <summary>The board when standard error is not a terminal: it shows nothing, so the output is fleetctl's text alone.</summary>
internal sealed class SilentProgressBoard : IProgressBoard
{
    /// <summary>The one instance: it holds nothing.</summary>
    public static SilentProgressBoard Instance { get; } = new();

    private SilentProgressBoard()
    {
    }

    /// <inheritdoc />
    public void Watch(string unit, string target)
    {
    }

    /// <inheritdoc />
    public void Saw(string unit, string? state, string? machine)
    {
    }

    /// <inheritdoc />
    public void Drop(string unit)
    {
    }

    /// <inheritdoc />
    public void Print(Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        write();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
