using System.Globalization;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// fleet's <c>log</c> package as fleetctl sets it up (<c>log.EnableTimestamps</c>): a line on
/// standard error of the local date and time, the level, the Go source file and line that logged,
/// and the message: <c>2026/11/23 11:37:16 INFO restart.go:82: Unit(hello.service) already loaded, starting.</c>
/// </summary>
/// <param name="Time">The clock the timestamps come from.</param>
internal sealed record FleetctlLog(TimeProvider Time)
{
    /// <summary>The log line for a message.</summary>
    /// <param name="level">fleet's level: <c>INFO</c>, <c>WARN</c>.</param>
    /// <param name="source">The Go file and line fleetctl logs from, such as <c>restart.go:82</c>.</param>
    /// <param name="message">The message.</param>
    /// <returns>The line, without its newline.</returns>
    public string Line(string level, string source, string message) =>
        $"{Time.GetLocalNow().ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture)} {level} {source}: {message}";
}
