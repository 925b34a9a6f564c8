namespace Fleet;

/// <summary>How long <see cref="O:Fleet.FleetClient.WaitForUnitAsync"/> waits and how often it asks.</summary>
public sealed record UnitWaitOptions
{
    /// <summary>The options used when none are given.</summary>
    public static UnitWaitOptions Default { get; } = new();

    /// <summary>How long to wait before giving up with a Timeout error; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits until cancelled.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause between two polls.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
