using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>
/// fleetctl's <c>FLEETCTL_*</c> variables: read for every flag that is not given, and a flag that
/// is given wins (fleetctl applies the variables before parsing the flags over them).
/// </summary>
public sealed class EnvironmentTests
{
    [Fact]
    public async Task Endpoint_variable_is_used_without_the_flag()
    {
        await using var fleet = await ServedFleet.StartAsync(FleetTransport.UnixSocket);
        var step = ReferenceStep.Get("003");
        var result = await CliProcess.RunAsync(["list-machines"], new Dictionary<string, string?> { ["FLEETCTL_ENDPOINT"] = fleet.Server.Endpoint });
        Assert.Equal(step.Stdout, result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Endpoint_flag_wins_over_the_variable()
    {
        await using var fleet = await ServedFleet.StartAsync(FleetTransport.Tcp);
        var result = await CliProcess.RunAsync(
            ["--endpoint", fleet.Server.Endpoint, "list-machines", "--no-legend"],
            new Dictionary<string, string?> { ["FLEETCTL_ENDPOINT"] = "fleet.sock" });
        Assert.Equal(ReferenceStep.Get("007").Stdout, result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Empty_variable_counts_as_unset()
    {
        await using var fleet = await ServedFleet.StartAsync(FleetTransport.Tcp);
        var result = await CliProcess.RunAsync(
            ["--endpoint", fleet.Server.Endpoint, "list-machines"],
            new Dictionary<string, string?> { ["FLEETCTL_DRIVER"] = "", ["FLEETCTL_SSH_USERNAME"] = "" });
        Assert.Equal(ReferenceStep.Get("003").Stdout, result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Driver_variable_is_checked_like_the_flag()
    {
        var result = await CliProcess.RunAsync(["version"], new Dictionary<string, string?> { ["FLEETCTL_DRIVER"] = "ETCD" });
        Assert.Equal("Unable to initialize client: unrecognized driver \"ETCD\"\n", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Driver_flag_wins_over_the_variable()
    {
        var result = await CliProcess.RunAsync(["--driver", "API", "version"], new Dictionary<string, string?> { ["FLEETCTL_DRIVER"] = "nope" });
        Assert.Equal("fleetctl version v1.0.0\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_parse_fails_even_for_version()
    {
        // fleetctl initialises its client before running any command, version included.
        var result = await CliProcess.RunAsync(["version"], new Dictionary<string, string?> { ["FLEETCTL_ENDPOINT"] = "fleet.sock" });
        Assert.Equal("Unable to initialize client: URL scheme undefined\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Version_flag_first_needs_no_client()
    {
        // fleetctl's main() answers a leading --version before anything else.
        var result = await CliProcess.RunAsync(["--version"], new Dictionary<string, string?> { ["FLEETCTL_ENDPOINT"] = "fleet.sock" });
        Assert.Equal("fleetctl version v1.0.0\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }
}
