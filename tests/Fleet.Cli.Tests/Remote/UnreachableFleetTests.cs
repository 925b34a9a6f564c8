using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests.Remote;

/// <summary>The remote commands against a fleet that is not there: each says so as fleetctl does for the request it could not make.</summary>
public sealed class UnreachableFleetTests
{
    private const string Endpoint = "unix:///nonexistent/fleet.sock";
    private const string Dial = "dial unix /nonexistent/fleet.sock: connect: no such file or directory";

    [Theory]
    [InlineData(new[] { "status", "web" }, "Error retrieving unit: Get \"http://domain-sock/fleet/v1/units/web.service?alt=json\": " + Dial)]
    [InlineData(new[] { "journal", "web" }, "Error retrieving unit web.service: Get \"http://domain-sock/fleet/v1/units/web.service?alt=json\": " + Dial)]
    [InlineData(new[] { "ssh", "--machine", "aaaa" }, "Unable to proceed: Get \"http://domain-sock/fleet/v1/machines?alt=json\": " + Dial)]
    [InlineData(new[] { "ssh", "--unit", "web" }, "Unable to proceed: Get \"http://domain-sock/fleet/v1/units/web.service?alt=json\": " + Dial)]
    // fleetctl's guess between a machine and a unit drops both lookups' errors.
    [InlineData(new[] { "ssh", "web" }, "Unable to proceed: could not find matching unit or machine")]
    public async Task The_failed_request_is_named(string[] command, string error)
    {
        var result = await CliProcess.RunAsync(["--endpoint", Endpoint, .. command]);

        Assert.Equal(("", error + "\n", 1), (result.Stdout, result.Stderr, result.ExitCode));
    }

    [Fact]
    public async Task Status_of_no_unit_asks_nothing()
    {
        var result = await CliProcess.RunAsync(["--endpoint", Endpoint, "status"]);

        Assert.Equal(("", "", 0), (result.Stdout, result.Stderr, result.ExitCode));
    }
}
