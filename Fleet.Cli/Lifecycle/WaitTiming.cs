namespace Fleet.Cli.Lifecycle;

/// <summary>How fleetctl paces its waits.</summary>
/// <param name="PollInterval">Between two looks at a unit (fleetctl's ticker: 250 ms), the first one included.</param>
/// <param name="AttemptLength">One attempt of <c>--block-attempts</c> (fleetctl's <c>defaultSleepTime</c>: 2 s).</param>
internal sealed record WaitTiming(TimeSpan PollInterval, TimeSpan AttemptLength)
{
    /// <summary>fleetctl v1.0.0's pace.</summary>
    public static WaitTiming Fleetctl { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));

    /// <summary>Go's <c>time.Duration</c> text of <see cref="AttemptLength"/>, as fleetctl's messages print it (<c>2s</c>).</summary>
    public string AttemptText => GoDuration(AttemptLength);

    // Go's Duration.String for durations under a minute: "2s", "1.5s", "250ms".
    private static string GoDuration(TimeSpan duration) =>
        duration < TimeSpan.FromSeconds(1)
            ? $"{duration.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms"
            : duration < TimeSpan.FromMinutes(1)
                ? $"{duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s"
                : $"{(int)duration.TotalMinutes}m{(duration.TotalSeconds % 60).ToString(System.Globalization.CultureInfo.InvariantCulture)}s";
}
