using System.Text.RegularExpressions;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// The lines fleetctl's log writes by default (on standard error, with the local date and time).
/// The expected texts are what fleetctl v1.0.0 (built from source) printed for the same steps,
/// with the timestamp matched by its shape.
/// </summary>
public sealed partial class LogLineTests : FleetFolderTest
{

    [Fact]
    public async Task An_unknown_fleet_key_is_warned_about_and_the_unit_created()
    {
        await File.WriteAllTextAsync(Path.Combine(Folder.Path, "typo2.service"), "[Service]\nExecStart=/bin/true\n[X-Fleet]\nMachineMetdata=a=b\n");

        var result = await RunAsync(["submit", "typo2.service"]);

        Assert.Equal("Unit typo2.service inactive\n", result.Stdout);
        Assert.Equal("WARN fleetctl.go:674: Unit typo2.service: unrecognized requirement in [X-Fleet] section: \"MachineMetdata\"\n", WithoutTimestamps(result.Stderr));
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Restart_logs_what_it_does()
    {
        CopyReferenceUnit("hello.service");
        Assert.Equal(0, (await RunAsync(["start", "hello.service"])).ExitCode);

        var launched = await RunAsync(["restart", "hello.service"]);
        Assert.Equal(0, (await RunAsync(["stop", "hello.service"])).ExitCode);
        var loaded = await RunAsync(["restart", "hello.service"]);

        Assert.Equal("INFO restart.go:100: Unit(hello.service) was restarted.\n", WithoutTimestamps(launched.Stderr));
        Assert.Equal("Unit hello.service launched on 222f532f.../172.17.8.101\n", loaded.Stdout);
        Assert.Equal("INFO restart.go:82: Unit(hello.service) already loaded, starting.\n", WithoutTimestamps(loaded.Stderr));
    }

    [Fact]
    public void A_line_carries_the_local_date_and_time()
    {
        var log = new FleetctlLog(new PinnedTime(new DateTimeOffset(2026, 11, 23, 10, 37, 16, TimeSpan.Zero), TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET")));

        Assert.Equal("2026/11/23 11:37:16 INFO restart.go:100: Unit(a.service) was restarted.", log.Line("INFO", "restart.go:100", "Unit(a.service) was restarted."));
    }

    // Every line of fleet's log begins "YYYY/MM/DD HH:MM:SS ".
    private static string WithoutTimestamps(string text)
    {
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(Timestamp(), line));
        return Timestamp().Replace(text, "");
    }

    [GeneratedRegex(@"(?m)^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} ")]
    private static partial Regex Timestamp();

    private Task<CliResult> RunAsync(string[] arguments) =>
        CliProcess.RunAsync(["--endpoint", Fleet.Server.Endpoint, .. arguments], workingDirectory: Folder.Path);

    private sealed class PinnedTime(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => zone;
    }
}
