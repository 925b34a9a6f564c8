using Fleet.Core;
using Fleet.Simulator;

namespace Fleet.Facade.Tests;

/// <summary>ensure, wait, plan and apply through the facade, against FleetServer with scheduling delays.</summary>
public sealed class ConvenienceTests : IAsyncLifetime
{
    private const string HelloText = "[Unit]\nDescription=Hello\n\n[Service]\nExecStart=/bin/sleep 1d\n";

    private readonly string folder = Directory.CreateTempSubdirectory("fleet-facade-apply-").FullName;
    private FleetServer fleet = null!;
    private FleetApiClient client = null!;

    public async Task InitializeAsync()
    {
        fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.FromMilliseconds(100) });
        client = await FleetApiClient.ConnectAsync(fleet.Endpoint);
    }

    public async Task DisposeAsync()
    {
        await client.DisposeAsync();
        await fleet.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Ensure_creates_then_changes_the_state_then_does_nothing_then_destroys()
    {
        var hello = ClusterUnit.FromString(HelloText);

        var created = await client.EnsureUnitAsync("hello.service", hello);
        var stopped = await client.EnsureDesiredStateAsync("hello.service", DesiredState.Loaded);
        var same = await client.EnsureUnitAsync("hello.service", hello.WithDesiredState(DesiredState.Loaded));
        var gone = await client.EnsureUnitAbsentAsync("hello.service");
        var stillGone = await client.EnsureUnitAbsentAsync("hello.service");

        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.Created, null, DesiredState.Launched), created);
        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.StateChanged, DesiredState.Launched, DesiredState.Loaded), stopped);
        Assert.Equal(UnitChange.Unchanged, same.Change);
        Assert.Equal(UnitChange.Destroyed, gone.Change);
        Assert.Equal(UnitChange.Unchanged, stillGone.Change);
    }

    [Fact]
    public async Task Ensuring_the_state_of_a_missing_unit_is_fleets_404()
    {
        var error = await Assert.ThrowsAsync<FleetApiException>(() => client.EnsureDesiredStateAsync("ghost.service", DesiredState.Launched));

        Assert.Equal((404, "unit does not exist"), (error.Code, error.FleetMessage));
    }

    [Fact]
    public async Task Waiting_reports_each_change_until_the_unit_runs()
    {
        await client.CreateUnitAsync("hello.service", ClusterUnit.FromString(HelloText));
        var seen = new List<UnitProgress>();

        var done = await client.WaitForUnitAsync("hello.service", DesiredState.Launched, seen.Add);

        Assert.Equal((DesiredState.Launched, "active", "running"), (done.CurrentState, done.ActiveState, done.SubState));
        Assert.Equal(done, seen[^1]);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_wait_past_its_deadline_is_a_timeout_exception_saying_where_the_unit_got()
    {
        // Agents that never act: the unit stays where the engine put it.
        await using var stuck = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = Timeout.InfiniteTimeSpan });
        await using var stuckClient = await FleetApiClient.ConnectAsync(stuck.Endpoint);
        await stuckClient.CreateUnitAsync("hello.service", ClusterUnit.FromString(HelloText));

        var error = await Assert.ThrowsAsync<FleetTimeoutException>(() =>
            stuckClient.WaitForUnitAsync("hello.service", DesiredState.Launched, new UnitWaitOptions { Timeout = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromMilliseconds(20) }));

        Assert.Contains("hello.service", error.Message);
        Assert.Equal(ErrorKind.Timeout, error.Error.Kind);
    }

    [Fact]
    public async Task Applying_a_folder_twice_changes_nothing_the_second_time()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "hello.service"), HelloText);
        await File.WriteAllTextAsync(Path.Combine(folder, "web@.service"), "[Service]\nExecStart=/bin/sleep 1d\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "web@1.service"), "");
        var units = UnitSource.FromFolder(folder).Match(u => u, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        var first = await client.ApplyAsync(await client.PlanAsync(units));
        var again = await client.PlanAsync(units);

        Assert.Equal(
            [("hello.service", UnitChange.Created), ("web@.service", UnitChange.Created), ("web@1.service", UnitChange.Created)],
            first.Select(r => (r.Name, r.Change)).OrderBy(r => r.Name, StringComparer.Ordinal));
        Assert.True(again.IsEmpty);
        Assert.Equal(DesiredState.Inactive, (await client.GetUnitAsync("web@.service")).DesiredState);
    }
}
