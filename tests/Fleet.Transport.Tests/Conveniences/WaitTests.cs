using Fleet.Core;
using Fleet.Simulator;
using Fleet.Transport.Tests.Api;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Conveniences;

public sealed class WaitTests
{
    private static readonly UnitFile Hello = UnitFile.Parse("[Service]\nExecStart=/bin/sleep 1d\n").Right();
    private static readonly UnitWaitOptions Quick = new() { Timeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(10) };

    private static Task<ClientScope> StartAsync(TimeSpan agentDelay) =>
        ClientScope.StartAsync(unix: true, new FleetServerOptions { AgentDelay = agentDelay });

    [Fact]
    public async Task A_unit_reaches_launched_and_each_change_is_reported_once_in_order()
    {
        await using var scope = await StartAsync(TimeSpan.FromMilliseconds(200));
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();
        var reports = new List<UnitProgress>();

        var reached = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, reports.Add, Quick)).Right();

        Assert.Equal(reports[^1], reached);
        Assert.Equal((DesiredState.Launched, "active", "running"), (reached.CurrentState, reached.ActiveState, reached.SubState));
        Assert.NotNull(reached.MachineId);
        // Whatever the polls happened to catch, states only move forwards and no view repeats.
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.NotEqual(pair.Item1, pair.Item2));
        Assert.Equal(reports.Select(r => r.CurrentState).Order(), reports.Select(r => r.CurrentState));
        Assert.All(reports, r => Assert.Equal(DesiredState.Launched, r.DesiredState));
    }

    [Fact]
    public async Task Inactive_loaded_and_launched_are_each_reported_once()
    {
        // The agents act only when told, each time a report shows the previous step was seen, so
        // every step is seen by however many polls happen to run, and must still be reported once.
        await using var scope = await StartAsync(Timeout.InfiniteTimeSpan);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Loaded)).Right();
        Task? launching = null;
        var reports = new List<UnitProgress>();
        void OnProgress(UnitProgress report)
        {
            reports.Add(report);
            switch (report)
            {
                case { DesiredState: DesiredState.Loaded, CurrentState: DesiredState.Inactive }:
                case { DesiredState: DesiredState.Launched, CurrentState: DesiredState.Loaded, ActiveState: "inactive" }:
                    scope.Server.Cluster.Settle();
                    break;
                case { DesiredState: DesiredState.Loaded, CurrentState: DesiredState.Loaded }:
                    launching = Task.Run(async () => (await scope.Client.SetDesiredStateAsync("hello.service", DesiredState.Launched)).Right());
                    break;
            }
        }

        var reached = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, OnProgress, Quick)).Right();
        await launching!;

        var machine = reached.MachineId;
        Assert.NotNull(machine);
        Assert.Equal(new UnitProgress("hello.service", DesiredState.Loaded, DesiredState.Inactive, null, null, null), reports[0]);
        Assert.Equal(new UnitProgress("hello.service", DesiredState.Loaded, DesiredState.Loaded, machine, "inactive", "dead"), reports[1]);
        Assert.Equal(new UnitProgress("hello.service", DesiredState.Launched, DesiredState.Loaded, machine, "inactive", "dead"), reports[2]);
        Assert.Equal(new UnitProgress("hello.service", DesiredState.Launched, DesiredState.Launched, machine, "active", "running"), reports[^1]);
        Assert.Equal(reports[^1], reached);
        // A poll reads the unit, then its systemd state: the agents may act between the two, which
        // shows as one more distinct view (launched desired, loaded current, active/running) at most.
        Assert.InRange(reports.Count, 4, 5);
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.NotEqual(pair.Item1, pair.Item2));
    }

    [Fact]
    public async Task A_unit_that_never_gets_there_times_out_saying_where_it_was()
    {
        await using var scope = await StartAsync(Timeout.InfiniteTimeSpan);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();
        // Long enough for the first poll on a loaded machine, so the message has a state to say.
        var options = new UnitWaitOptions { Timeout = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromMilliseconds(20) };
        var reports = new List<UnitProgress>();

        var error = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, reports.Add, options)).Left();

        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal(
            "unit \"hello.service\" did not reach launched within 2 s: last seen desired state launched, current state inactive, not scheduled",
            error.Message);
        Assert.Single(reports);
    }

    [Fact]
    public async Task After_a_replace_the_old_contents_running_state_does_not_count()
    {
        await using var scope = await StartAsync(Timeout.InfiniteTimeSpan);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();
        scope.Server.Cluster.Settle();
        var replaced = Hello.AddOption("Service", "Restart", "always");
        Assert.Equal(UnitChange.Replaced, (await scope.Client.EnsureUnitAsync("hello.service", replaced, DesiredState.Launched)).Right().Change);
        var quick = new UnitWaitOptions { Timeout = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(20) };

        // The machine still reports the old content active/running until its agent acts.
        var early = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, quick)).Left();
        scope.Server.Cluster.Settle();
        var done = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, quick)).Right();

        Assert.Equal(ErrorKind.Timeout, early.Kind);
        Assert.Equal(("active", "running"), (done.ActiveState, done.SubState));
    }

    [Fact]
    public async Task A_wait_longer_than_a_timer_can_take_is_refused_not_thrown()
    {
        await using var scope = await StartAsync(TimeSpan.Zero);

        var error = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, new UnitWaitOptions { Timeout = TimeSpan.FromDays(60) })).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
    }

    [Fact]
    public async Task Cancelling_the_wait_throws()
    {
        await using var scope = await StartAsync(Timeout.InfiniteTimeSpan);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, _ => cancel.Cancel(), Quick, cancel.Token));
    }

    [Fact]
    public async Task A_unit_already_there_is_reported_once_and_returned()
    {
        await using var scope = await StartAsync(TimeSpan.Zero);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Inactive)).Right();
        var reports = new List<UnitProgress>();

        var reached = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Inactive, reports.Add, Quick)).Right();

        Assert.Equal([new UnitProgress("hello.service", DesiredState.Inactive, DesiredState.Inactive, null, null, null)], reports);
        Assert.Equal(reports[0], reached);
    }

    [Fact]
    public async Task A_global_unit_counts_by_its_desired_state_as_fleetctl_does()
    {
        await using var scope = await StartAsync(TimeSpan.Zero);
        var global = Hello.AddOption("X-Fleet", "Global", "true");
        (await scope.Client.CreateUnitAsync("everywhere.service", global, DesiredState.Launched)).Right();

        var reached = (await scope.Client.WaitForUnitAsync("everywhere.service", DesiredState.Launched, Quick)).Right();

        Assert.Equal(new UnitProgress("everywhere.service", DesiredState.Launched, null, null, null, null), reached);
    }

    [Fact]
    public async Task Waiting_for_a_unit_fleet_does_not_have_is_fleets_404()
    {
        await using var scope = await StartAsync(TimeSpan.Zero);

        var error = (await scope.Client.WaitForUnitAsync("ghost.service", DesiredState.Launched, Quick)).Left();

        Assert.Equal((ErrorKind.Http, 404), (error.Kind, error.Code));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1000, 0)]
    public async Task A_wait_without_time_or_pause_is_refused(int timeoutMs, int pollMs)
    {
        await using var scope = await StartAsync(TimeSpan.Zero);
        var options = new UnitWaitOptions { Timeout = TimeSpan.FromMilliseconds(timeoutMs), PollInterval = TimeSpan.FromMilliseconds(pollMs) };

        var error = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, options)).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
    }

    [Fact]
    public async Task An_IProgress_receives_the_same_reports()
    {
        await using var scope = await StartAsync(TimeSpan.Zero);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Inactive)).Right();
        var reported = new TaskCompletionSource<UnitProgress>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Progress<T> posts each report to the thread pool: the report arrives, though not inline.
        var reached = (await scope.Client.WaitForUnitAsync("hello.service", DesiredState.Inactive, Quick, new Progress<UnitProgress>(p => reported.TrySetResult(p)))).Right();

        Assert.Equal(reached, await reported.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_null_callback_is_refused_at_the_call()
    {
        await using var scope = await StartAsync(TimeSpan.Zero);

        Assert.Throws<ArgumentNullException>("onProgress", () => { _ = scope.Client.WaitForUnitAsync("hello.service", DesiredState.Launched, (Action<UnitProgress>)null!); });
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public async Task Waiting_for_a_state_outside_the_enum_is_refused_before_polling(int value)
    {
        var log = new CapturingLogger(Microsoft.Extensions.Logging.LogLevel.Debug);
        await using var scope = await ClientScope.StartAsync(unix: true, new FleetServerOptions { AgentDelay = TimeSpan.Zero }, new FleetClientOptions { Logger = log });
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();
        var exchanges = log.Lines.Count;
        var reports = new List<UnitProgress>();

        var error = (await scope.Client.WaitForUnitAsync("hello.service", (DesiredState)value, reports.Add, Quick)).Left();

        Assert.Equal((ErrorKind.Validation, $"target {value} is not a DesiredState: state must be one of: ['inactive', 'loaded', 'launched']"), (error.Kind, error.Message));
        Assert.Empty(reports);
        Assert.Equal(exchanges, log.Lines.Count);
    }
}
