using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary><c>--debug</c> and <c>FLEETCTL_DEBUG</c>: the exchanges on standard error, standard output untouched.</summary>
public sealed class DebugTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Logs_each_exchange_to_standard_error(bool flag)
    {
        await using var fleet = await ServedFleet.StartAsync(FleetTransport.UnixSocket);
        string[] arguments = flag ? ["--debug", "--endpoint", fleet.Server.Endpoint, "list-machines"] : ["--endpoint", fleet.Server.Endpoint, "list-machines"];
        var result = await CliProcess.RunAsync(arguments, flag ? null : new Dictionary<string, string?> { ["FLEETCTL_DEBUG"] = "true" });
        Assert.Equal(ReferenceStep.Get("003").Stdout, result.Stdout);
        Assert.Contains(result.Stderr.Split('\n'), line => line.Contains(" DEBUG GET /fleet/v1/machines -> 200 ", StringComparison.Ordinal));
        Assert.Equal(0, result.ExitCode);
    }
}
