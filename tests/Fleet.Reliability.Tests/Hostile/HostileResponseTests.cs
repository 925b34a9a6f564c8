using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;
using Xunit.Abstractions;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>
/// Ten thousand of fleet's answers, mutated by FsCheck and served by a raw socket server: each
/// request ends, within the hang deadline, in an APIError or in a value its own answer really
/// holds; the facade throws only exceptions that carry an APIError. The client survives them
/// all: a clean answer afterwards reads as it should, and disposing it closes every socket.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class HostileResponseTests(ITestOutputHelper output)
{
    // Fixed seeds: the same cases every run, so the counts reported are reproducible.
    private const ulong FunctionalSeed = 20_261_123;
    private const ulong FacadeSeed = 20_261_124;

    [Fact]
    public async Task Ten_thousand_hostile_answers_each_end_in_an_APIError_or_a_value_they_really_hold()
    {
        await using var server = new HostileServer();
        var client = await HostileRun.ConnectAsync(server);
        var run = new HostileRun(server);

        await run.CheckAsync(10_000, FunctionalSeed, async (hostile, name, served) =>
            run.Tally.Add(Outcomes.Judge(hostile, name, served, await Outcomes.OfAsync(client, hostile.Kind, name))));

        await AfterwardsAsync(server, client, run);
        Assert.True(run.Tally.Total >= 10_000, run.Tally.Report());
    }

    [Fact]
    public async Task Through_the_facade_every_hostile_answer_is_a_value_or_an_exception_that_carries_an_APIError()
    {
        await using var server = new HostileServer();
        var client = new FleetApiClient(await HostileRun.ConnectAsync(server));
        var run = new HostileRun(server);

        await run.CheckAsync(2_000, FacadeSeed, async (hostile, name, served) =>
            run.Tally.Add(Outcomes.Judge(hostile, name, served, await Outcomes.OfAsync(client, hostile.Kind, name))));

        await AfterwardsAsync(server, client.Functional, run);
        Assert.True(run.Tally.Total >= 2_000, run.Tally.Report());
    }

    private async Task AfterwardsAsync(HostileServer server, FleetClient client, HostileRun run)
    {
        output.WriteLine(run.Tally.Report());
        output.WriteLine(run.Tally.Split());
        output.WriteLine($"longest case: {run.Longest.TotalMilliseconds:0} ms (request timeout {HostileRun.RequestTimeout.TotalMilliseconds:0} ms)");

        var (name, _) = server.Add(new HostileCase(CaseKind.Unit, 0, [], [], After.KeepOpen));
        Assert.Equal(name, (await client.GetUnitAsync(name)).Right().Name);
        Assert.InRange(OwnSockets.ConnectedTo(server.Raw.Port), 1, HostileRun.Connections);

        await client.DisposeAsync();
        await Poll.UntilAsync(() => OwnSockets.ConnectedTo(server.Raw.Port) == 0, "every socket of the client closed");
    }
}
