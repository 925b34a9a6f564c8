using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary>
/// The command line run as a process against a fresh three-machine fleet, compared byte for byte
/// (standard output, standard error, exit code) with what fleetctl v1.0.0 printed for the same step.
/// </summary>
public sealed class ReferenceStepTests
{
    /// <summary>The steps that need a server (their command names the socket), on both transports.</summary>
    public static TheoryData<string, FleetTransport> ServedSteps() => Cross(["003", "004", "005", "006", "007", "008", "009", "010", "071", "072"]);

    /// <summary>The steps that reach no fleet: version, usage, and endpoints that cannot work.</summary>
    public static TheoryData<string> UnservedSteps() => new(["001", "002", "067", "068", "069", "070", "073"]);

    [Theory]
    [MemberData(nameof(ServedSteps))]
    public async Task Served_step_matches_fleetctl(string id, FleetTransport transport)
    {
        var step = ReferenceStep.Get(id);
        await using var fleet = await ServedFleet.StartAsync(transport);
        var result = await CliProcess.RunAsync(step.Arguments(fleet.Substitute));
        AssertMatches(step, result);
    }

    [Theory]
    [MemberData(nameof(UnservedSteps))]
    public async Task Unserved_step_matches_fleetctl(string id)
    {
        var step = ReferenceStep.Get(id);
        var result = await CliProcess.RunAsync(step.Arguments(argument => throw new InvalidOperationException($"{id} names a socket: {argument}")));
        AssertMatches(step, result);
    }

    private static void AssertMatches(ReferenceStep step, CliResult result)
    {
        Assert.Equal(step.Stdout, result.Stdout);
        Assert.Equal(step.Stderr, result.Stderr);
        Assert.Equal(step.ExitCode, result.ExitCode);
    }

    private static TheoryData<string, FleetTransport> Cross(string[] ids)
    {
        var data = new TheoryData<string, FleetTransport>();
        foreach (var id in ids)
        {
            data.Add(id, FleetTransport.UnixSocket);
            data.Add(id, FleetTransport.Tcp);
        }
        return data;
    }
}
