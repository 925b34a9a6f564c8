using Fleet.Cli.Lifecycle;
using Fleet.Cli.Parsing;
using Fleet.Cli.Progress;
using Fleet.Cli.Tests.Harness;
using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// The wait's fixed rules for the lines of one round, which stand in for fleetctl's races, and its
/// giving up after the attempts; run in-process against a fleet of its own, at a quicker pace
/// than fleetctl's.
/// </summary>
public sealed class UnitStateWaitTests : IAsyncLifetime
{
    private static readonly WaitTiming Quick = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));

    private readonly StringWriter output = new() { NewLine = "\n" };

    // A wait that regresses fails the test instead of hanging the run.
    private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(30));
    private ServedFleet fleet = null!;
    private FleetClient client = null!;
    private LifecycleSession session = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        fleet = await ServedFleet.StartAsync(FleetTransport.Tcp);
        client = (await FleetClient.ConnectAsync(fleet.Server.Endpoint)).Match(c => c, error => throw new InvalidOperationException(error.Message));
        var endpoint = FleetEndpoint.Parse(fleet.Server.Endpoint).Match(e => e, error => throw new InvalidOperationException(error.Message));
        var context = new CliContext(output, output, new Dictionary<string, string>());
        session = new LifecycleSession(context, new ClientSetup(endpoint, FleetClientOptions.Default), SilentProgressBoard.Instance, Quick);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await session.DisposeAsync();
        await client.DisposeAsync();
        await fleet.DisposeAsync();
        deadline.Dispose();
    }

    [Fact]
    public async Task Global_units_come_after_the_others_of_their_round()
    {
        await CreateAsync("monitor.service", "[Service]\nExecStart=/bin/true\n\n[X-Fleet]\nGlobal=true\n", DesiredState.Inactive);
        await CreateAsync("a.service", "[Service]\nExecStart=/bin/true\n", DesiredState.Inactive);
        await CreateAsync("b.service", "[Service]\nExecStart=/bin/true\n", DesiredState.Inactive);

        var gaveUp = await UnitStateWait.WaitAsync(session, ["monitor.service", "a.service", "b.service"], DesiredState.Inactive, 0, deadline.Token);

        Assert.Empty(gaveUp);
        // A global unit has no current state, and fleetctl prints it as it is: nothing after the space.
        Assert.Equal("Unit a.service inactive\nUnit b.service inactive\nUnit monitor.service \n", output.ToString());
    }

    [Fact]
    public async Task The_last_of_a_round_reads_the_machines_and_the_others_name_none()
    {
        await CreateAsync("x.service", "[Service]\nExecStart=/bin/true\n", DesiredState.Launched);
        await CreateAsync("y.service", "[Service]\nExecStart=/bin/true\n", DesiredState.Launched);
        await fleet.Server.Cluster.WaitUntilSettledAsync();

        await UnitStateWait.WaitAsync(session, ["x.service", "y.service"], DesiredState.Launched, 0, deadline.Token);
        // Read once per run: a later wait names every machine.
        await UnitStateWait.WaitAsync(session, ["x.service", "y.service"], DesiredState.Launched, 0, deadline.Token);

        Assert.Equal(
            "Unit x.service launched\n" +
            "Unit y.service launched on 7d6b720d.../172.17.8.102\n" +
            "Unit x.service launched on 222f532f.../172.17.8.101\n" +
            "Unit y.service launched on 7d6b720d.../172.17.8.102\n",
            output.ToString());
    }

    [Fact]
    public async Task A_unit_that_never_gets_there_gives_up_after_its_attempts()
    {
        await CreateAsync("nowhere.service", "[Service]\nExecStart=/bin/true\n\n[X-Fleet]\nMachineMetadata=region=mars\n", DesiredState.Launched);
        await CreateAsync("hello.service", "[Service]\nExecStart=/bin/true\n", DesiredState.Launched);
        await fleet.Server.Cluster.WaitUntilSettledAsync();

        var error = await UnitStateWait.TryWaitAsync(session, ["nowhere.service", "hello.service"], "start", DesiredState.Launched, 2, deadline.Token);

        Assert.Equal("timed out waiting for unit nowhere.service to report state launched", error);
        Assert.Equal(
            "Unit hello.service launched on 222f532f.../172.17.8.101\n" +
            "Error waiting for units: timed out waiting for unit nowhere.service to report state launched\n",
            output.ToString());
    }

    [Fact]
    public async Task Without_blocking_it_only_says_what_was_triggered()
    {
        var error = await UnitStateWait.TryWaitAsync(session, ["a.service", "b.service"], "stop", DesiredState.Loaded, -1, deadline.Token);

        Assert.Null(error);
        Assert.Equal("Triggered unit a.service stop\nTriggered unit b.service stop\n", output.ToString());
    }

    private async Task CreateAsync(string name, string text, DesiredState state)
    {
        var file = UnitFile.Parse(text).Match(f => f, error => throw new InvalidOperationException(error.Message));
        (await client.CreateUnitAsync(name, file, state)).Match(_ => { }, error => throw new InvalidOperationException(error.Message));
    }
}
