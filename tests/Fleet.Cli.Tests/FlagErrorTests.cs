using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>
/// Flags that do not parse, reported in pflag's words as fleetctl reports them (the shape of
/// reference step 005): the error on standard error, the command's usage on standard output,
/// and exit code 0, since fleetctl exits with the code of a command that ran.
/// </summary>
public sealed class FlagErrorTests
{
    [Theory]
    [InlineData(new[] { "version", "--bogus" }, "unknown flag: --bogus")]
    [InlineData(new[] { "list-machines", "-x" }, "unknown shorthand flag: 'x' in -x")]
    [InlineData(new[] { "list-machines", "--fields" }, "flag needs an argument: --fields")]
    [InlineData(new[] { "--debug=maybe", "version" }, "invalid argument \"maybe\" for \"--debug\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    [InlineData(new[] { "--request-timeout", "soon", "version" }, "invalid argument \"soon\" for \"--request-timeout\" flag: strconv.ParseFloat: parsing \"soon\": invalid syntax")]
    public async Task ReportedAsFleetctlDoes(string[] arguments, string message)
    {
        var result = await CliProcess.RunAsync(arguments);
        Assert.Equal($"Error: {message}\n\ncannot execute cmdFleet: {message}\n", result.Stderr);
        Assert.StartsWith("NAME:\n\t", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("--debug=false")]
    [InlineData("--strict-host-key-checking=0")]
    [InlineData("--debug")]
    public async Task GoBooleansAreAccepted(string flag)
    {
        var result = await CliProcess.RunAsync([flag, "version"]);
        Assert.Equal("fleetctl version v1.0.0\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("--full=1", "006")]
    [InlineData("--l=T", "006")]
    [InlineData("--full=false", "003")]
    public async Task CommandBooleansTakeGoValues(string flag, string sameAs)
    {
        await using var fleet = await ServedFleet.StartAsync(FleetTransport.Tcp);
        var result = await CliProcess.RunAsync(["--endpoint", fleet.Server.Endpoint, "list-machines", flag]);
        Assert.Equal(ReferenceStep.Get(sameAs).Stdout, result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }
}
