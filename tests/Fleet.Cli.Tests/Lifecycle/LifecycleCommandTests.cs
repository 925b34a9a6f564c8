using Fleet.Cli.Tests.Harness;
using Fleet.UnitFiles;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// submit, load, start, stop, unload and restart run as processes against a fleet of their own over TCP,
/// beyond the reference's steps: a unit not in the cluster is submitted from its file first, an
/// instance comes from its template's file, <c>--replace</c> and <c>--no-block</c>, and the errors
/// for a unit that cannot be stopped and for an endpoint nobody answers.
/// </summary>
public sealed class LifecycleCommandTests : FleetFolderTest
{
    private const string Hello = "hello.service";

    [Fact]
    public async Task Start_submits_the_local_file_first_and_prints_plain_text_when_piped()
    {
        CopyReferenceUnit(Hello);

        // A terminal's variables make no difference when the output is a pipe.
        var result = await RunAsync(["start", Hello], new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["LANG"] = "C.UTF-8" });

        Assert.Equal("Unit hello.service inactive\nUnit hello.service launched on 222f532f.../172.17.8.101\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task An_instance_is_made_from_its_templates_file_beside_it()
    {
        CopyReferenceUnit("web@.service");

        var result = await RunAsync(["start", "web@1.service"]);

        Assert.Equal("Unit web@1.service inactive\nUnit web@1.service launched on 222f532f.../172.17.8.101\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
        var instance = Assert.Single(Fleet.Server.Cluster.Units);
        Assert.Equal("web@1.service", instance.Name);
        Assert.Equal(LocalHash("web@.service"), UnitFile.FromOptions(instance.Options).Hash);
    }

    [Fact]
    public async Task Replace_takes_the_changed_file_for_a_launched_unit()
    {
        CopyReferenceUnit(Hello);
        Assert.Equal(0, (await RunAsync(["start", Hello])).ExitCode);
        var path = Path.Combine(Folder.Path, Hello);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("sleep 1", "sleep 2", StringComparison.Ordinal));

        var unchanged = await RunAsync(["start", Hello]);
        var replaced = await RunAsync(["start", "--replace", Hello]);

        Assert.Equal("WARNING: Unit hello.service in registry differs from local unit file hello.service. Add --replace to override.\n", unchanged.Stderr);
        Assert.Equal("", unchanged.Stdout);
        Assert.Equal("Unit hello.service inactive\nUnit hello.service launched on 222f532f.../172.17.8.101\n", replaced.Stdout);
        Assert.Equal("", replaced.Stderr);
        Assert.Equal(LocalHash(Hello), UnitFile.FromOptions(Fleet.Server.Cluster.Units.Single().Options).Hash);
    }

    [Fact]
    public async Task No_block_still_waits_for_the_submission_then_only_triggers()
    {
        CopyReferenceUnit(Hello);

        var result = await RunAsync(["start", "--no-block", Hello]);

        Assert.Equal("Unit hello.service inactive\nTriggered unit hello.service start\nTriggered unit hello.service start\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task A_unit_that_is_not_scheduled_cannot_be_stopped()
    {
        CopyReferenceUnit(Hello);
        Assert.Equal(0, (await RunAsync(["submit", Hello])).ExitCode);

        var result = await RunAsync(["stop", Hello]);

        Assert.Equal("", result.Stdout);
        Assert.Equal("Unable to stop unit hello.service in state inactive\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Restart_stops_and_starts_a_launched_unit_and_skips_one_not_scheduled()
    {
        CopyReferenceUnit(Hello);
        CopyReferenceUnit("db.service");
        Assert.Equal(0, (await RunAsync(["start", Hello])).ExitCode);
        Assert.Equal(0, (await RunAsync(["submit", "db.service"])).ExitCode);

        var result = await RunAsync(["restart", Hello, "db.service"]);

        Assert.Equal("Unit hello.service loaded on 222f532f.../172.17.8.101\nUnit hello.service launched on 222f532f.../172.17.8.101\n", result.Stdout);
        // fleetctl logs each restart, its log's line starting with the date and time.
        Assert.Matches(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} INFO restart\.go:100: Unit\(hello\.service\) was restarted\.\nUnable to restart unit db\.service in state inactive\n\z", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("submit", "Error creating units: error retrieving Unit(hello.service) from Registry: Get \"http://domain-sock/fleet/v1/units/hello.service?alt=json\": dial unix /nonexistent/Fleet.sock: connect: no such file or directory\n")]
    [InlineData("load", "Error creating units: error retrieving Unit(hello.service) from Registry: Get \"http://domain-sock/fleet/v1/units/hello.service?alt=json\": dial unix /nonexistent/Fleet.sock: connect: no such file or directory\n")]
    [InlineData("start", "Error creating units: error retrieving Unit(hello.service) from Registry: Get \"http://domain-sock/fleet/v1/units/hello.service?alt=json\": dial unix /nonexistent/Fleet.sock: connect: no such file or directory\n")]
    [InlineData("stop", "Get \"http://domain-sock/fleet/v1/units?alt=json\": dial unix /nonexistent/Fleet.sock: connect: no such file or directory\n")]
    [InlineData("unload", "Get \"http://domain-sock/fleet/v1/units?alt=json\": dial unix /nonexistent/Fleet.sock: connect: no such file or directory\n")]
    public async Task An_endpoint_nobody_answers_is_named_in_the_error(string command, string expected)
    {
        var result = await CliProcess.RunAsync(["--endpoint", "unix:///nonexistent/Fleet.sock", command, Hello], workingDirectory: Folder.Path);

        Assert.Equal("", result.Stdout);
        Assert.Equal(expected, result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData("submit", "submit UNIT...", "      --replace   Replace the old submitted units in the cluster with new versions.\n")]
    [InlineData("load", "load [--no-block|--block-attempts=N] UNIT...", "      --no-block             Do not wait until the jobs have been loaded before exiting. Always the case for global units.\n")]
    [InlineData("start", "start [--no-block|--block-attempts=N] UNIT...", "      --sign                 DEPRECATED - this option cannot be used\n")]
    [InlineData("stop", "stop [--no-block|--block-attempts=N] UNIT...", "      --block-attempts int   Wait until the units are stopped, performing up to N attempts before giving up. A value of 0 indicates no limit. Does not apply to global units.\n")]
    [InlineData("unload", "unload UNIT...", "      --no-block             Do not wait until the units have become inactive before exiting.\n")]
    [InlineData("restart", "restart [--block-attempts=N] UNIT...", "\t\tfleetctl restart foo.service\n")]
    public async Task Help_is_in_fleetctls_words(string command, string use, string flagLine)
    {
        var result = await CliProcess.RunAsync([command, "--help"]);

        Assert.Contains($"\nUSAGE:\n\tfleetctl {use}\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nOPTIONS:\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(flagLine, result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitCode);
    }

    private Task<CliResult> RunAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        CliProcess.RunAsync(["--endpoint", Fleet.Server.Endpoint, .. arguments], environment, Folder.Path);

    private string LocalHash(string name) =>
        UnitFile.Load(Path.Combine(Folder.Path, name)).Match(file => file.Hash, error => throw new InvalidOperationException(error.Message));
}
