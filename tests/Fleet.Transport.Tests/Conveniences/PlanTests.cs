using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.Transport.Tests.Api;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Conveniences;

public sealed class PlanTests
{
    private const string HelloText = "[Unit]\nDescription=Hello\n\n[Service]\nExecStart=/bin/sleep 1d\n";
    private const string WebText = "[Unit]\nDescription=Web %i\n\n[Service]\nExecStart=/usr/bin/web --port %i\n";
    private const string GlobalText = "[Service]\nExecStart=/usr/bin/agent\n\n[X-Fleet]\nGlobal=true\n";
    private const string PinnedText = "[Service]\nExecStart=/usr/bin/db\n\n[X-Fleet]\nMachineMetadata=role=web\nConflicts=web@*.service\n";
    private static readonly string WebMachine = ReferenceCluster.Machines[0].Id;

    private static UnitFile Parse(string text) => UnitFile.Parse(text).Right();

    private static TempFolder Folder()
    {
        var folder = new TempFolder();
        folder.Write("hello.service", HelloText);
        folder.Write("web@.service", WebText);
        folder.Write("web@1.service", "");
        folder.Write("agent.service", GlobalText);
        folder.Write("pinned.service", PinnedText);
        return folder;
    }

    [Fact]
    public async Task A_folder_is_planned_applied_and_then_planned_empty()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        using var folder = Folder();
        var sources = UnitSource.FromFolder(folder.Path).Right();

        var plan = (await scope.Client.PlanAsync(sources)).Right();
        var applied = (await scope.Client.ApplyAsync(plan)).Right();
        var again = (await scope.Client.PlanAsync(sources)).Right();

        Assert.Equal(
            [
                new PlannedChange("agent.service", UnitChange.Created, Parse(GlobalText), null, DesiredState.Launched),
                new PlannedChange("hello.service", UnitChange.Created, Parse(HelloText), null, DesiredState.Launched),
                new PlannedChange("pinned.service", UnitChange.Created, Parse(PinnedText), null, DesiredState.Launched),
                new PlannedChange("web@.service", UnitChange.Created, Parse(WebText), null, DesiredState.Inactive),
                new PlannedChange("web@1.service", UnitChange.Created, Parse(WebText), null, DesiredState.Launched),
            ],
            plan.Changes);
        Assert.False(plan.IsEmpty);
        Assert.Equal(plan.Changes.Select(c => new UnitChangeResult(c.Name, c.Change, c.From, c.To)), applied);
        Assert.True(again.IsEmpty);
        Assert.All(again.Changes, c => Assert.Equal(UnitChange.Unchanged, c.Change));

        var units = scope.Server.Cluster.Units.ToDictionary(u => u.Name);
        Assert.Equal(Parse(WebText).Options, units["web@1.service"].Options);
        Assert.Equal(DesiredState.Inactive, units["web@.service"].DesiredState);
        Assert.Equal(WebMachine, units["pinned.service"].MachineId);
        Assert.Equal(ReferenceCluster.Machines.Count, scope.Server.Cluster.States.Count(s => s.Name == "agent.service"));
    }

    [Fact]
    public async Task Applying_an_empty_plan_sends_nothing_and_reports_every_unit_unchanged()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        using var folder = Folder();
        var sources = UnitSource.FromFolder(folder.Path).Right();
        (await scope.Client.ApplyAsync((await scope.Client.PlanAsync(sources)).Right())).Right();
        var before = scope.Server.Cluster.Units;

        var second = (await scope.Client.ApplyAsync((await scope.Client.PlanAsync(sources)).Right())).Right();

        Assert.All(second, r => Assert.Equal(UnitChange.Unchanged, r.Change));
        Assert.Equal(before, scope.Server.Cluster.Units);
    }

    [Fact]
    public async Task Changed_content_is_replaced_and_a_changed_state_only_changes_state()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("hello.service", Parse("[Service]\nExecStart=/bin/true\n"), DesiredState.Launched)).Right();
        (await scope.Client.CreateUnitAsync("agent.service", Parse(GlobalText), DesiredState.Launched)).Right();
        using var folder = new TempFolder();
        folder.Write("hello.service", HelloText);
        folder.Write("agent.service", GlobalText);

        var plan = (await scope.Client.PlanAsync(UnitSource.FromFolder(folder.Path).Right(), new PlanOptions { DesiredState = DesiredState.Loaded })).Right();
        (await scope.Client.ApplyAsync(plan)).Right();

        Assert.Equal(
            [
                new PlannedChange("agent.service", UnitChange.StateChanged, Parse(GlobalText), DesiredState.Launched, DesiredState.Loaded),
                new PlannedChange("hello.service", UnitChange.Replaced, Parse(HelloText), DesiredState.Launched, DesiredState.Loaded),
            ],
            plan.Changes);
        Assert.All(scope.Server.Cluster.Units, u => Assert.Equal(DesiredState.Loaded, u.DesiredState));
        Assert.Equal(Parse(HelloText).Options, scope.Server.Cluster.Units.Single(u => u.Name == "hello.service").Options);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Units_not_in_the_set_are_destroyed_only_when_asked(bool destroyOthers)
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("zeta.service", Parse(HelloText), DesiredState.Loaded)).Right();
        (await scope.Client.CreateUnitAsync("alpha.service", Parse(HelloText), DesiredState.Launched)).Right();
        using var folder = new TempFolder();
        folder.Write("hello.service", HelloText);

        var plan = (await scope.Client.PlanAsync(UnitSource.FromFolder(folder.Path).Right(), new PlanOptions { DestroyOthers = destroyOthers })).Right();
        (await scope.Client.ApplyAsync(plan)).Right();

        var destroys = plan.Changes.Where(c => c.Change == UnitChange.Destroyed).ToList();
        var left = scope.Server.Cluster.Units.Select(u => u.Name);
        if (destroyOthers)
        {
            Assert.Equal(
                [
                    new PlannedChange("alpha.service", UnitChange.Destroyed, null, DesiredState.Launched, null),
                    new PlannedChange("zeta.service", UnitChange.Destroyed, null, DesiredState.Loaded, null),
                ],
                destroys);
            Assert.Equal(["hello.service"], left);
        }
        else
        {
            Assert.Empty(destroys);
            Assert.Equal(["alpha.service", "hello.service", "zeta.service"], left);
        }
    }

    [Fact]
    public async Task An_instance_takes_its_template_from_the_cluster_when_there_is_no_local_one()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("web@.service", Parse(WebText), DesiredState.Inactive)).Right();
        using var folder = new TempFolder();
        folder.Write("web@1.service", "");
        var missing = folder.Combine("web@2.service");

        var fromFolder = UnitSource.FromFolder(folder.Path).Right();
        var fromFiles = UnitSource.FromFiles([missing]).Right();
        var plan = (await scope.Client.PlanAsync([.. fromFolder, .. fromFiles])).Right();
        (await scope.Client.ApplyAsync(plan)).Right();

        Assert.Equal([new UnitSource("web@1.service", null)], fromFolder);
        Assert.Equal(
            [
                new PlannedChange("web@1.service", UnitChange.Created, Parse(WebText), null, DesiredState.Launched),
                new PlannedChange("web@2.service", UnitChange.Created, Parse(WebText), null, DesiredState.Launched),
            ],
            plan.Changes);
        Assert.Equal(3, scope.Server.Cluster.Units.Count);
    }

    [Fact]
    public async Task An_instance_whose_template_is_nowhere_names_both_places_looked()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        using var folder = new TempFolder();
        var missing = folder.Combine("web@2.service");

        var error = (await scope.Client.PlanAsync(UnitSource.FromFiles([missing]).Right())).Left();

        Assert.Equal(ErrorKind.UnitFile, error.Kind);
        Assert.Equal(
            $"unit \"web@2.service\" has no unit file, and its template \"web@.service\" is neither at {folder.Combine("web@.service")} nor in the cluster",
            error.Message);
    }

    [Fact]
    public async Task A_template_in_the_set_wins_over_the_clusters()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("web@.service", Parse(HelloText), DesiredState.Inactive)).Right();

        var plan = (await scope.Client.PlanAsync([new UnitSource("web@.service", Parse(WebText)), new UnitSource("web@1.service", null)])).Right();

        Assert.Equal(
            [
                new PlannedChange("web@.service", UnitChange.Replaced, Parse(WebText), DesiredState.Inactive, DesiredState.Inactive),
                new PlannedChange("web@1.service", UnitChange.Created, Parse(WebText), null, DesiredState.Launched),
            ],
            plan.Changes);
    }

    [Fact]
    public async Task Units_fleet_would_refuse_stop_the_plan_before_anything_is_sent()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        var hello = Parse(HelloText);

        var badName = (await scope.Client.PlanAsync([new UnitSource("a b.service", hello)])).Left();
        var twice = (await scope.Client.PlanAsync([new UnitSource("hello.service", hello), new UnitSource("hello.service", hello)])).Left();
        var empty = (await scope.Client.PlanAsync([new UnitSource("hello.service", UnitFile.Empty)])).Left();
        var noFile = (await scope.Client.PlanAsync([new UnitSource("hello.service", null)])).Left();
        var conflicting = (await scope.Client.PlanAsync([new UnitSource("x.service", Parse("[X-Fleet]\nGlobal=true\nMachineID=abc\n"))])).Left();

        Assert.Equal((ErrorKind.Validation, "invalid character ' ' in unit name"), (badName.Kind, badName.Message));
        Assert.Equal((ErrorKind.Validation, "unit \"hello.service\" is given twice"), (twice.Kind, twice.Message));
        Assert.Equal(ErrorKind.UnitFile, empty.Kind);
        Assert.Equal(ErrorKind.UnitFile, noFile.Kind);
        Assert.StartsWith("unit \"x.service\": ", conflicting.Message, StringComparison.Ordinal);
        Assert.Empty(scope.Server.Cluster.Units);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public async Task A_plan_for_a_state_outside_the_enum_is_refused_before_the_cluster_is_asked(int value)
    {
        var log = new CapturingLogger(Microsoft.Extensions.Logging.LogLevel.Debug);
        await using var scope = await ClientScope.StartAsync(unix: true, clientOptions: new FleetClientOptions { Logger = log });
        var exchanges = log.Lines.Count;

        var error = (await scope.Client.PlanAsync([new UnitSource("hello.service", Parse(HelloText))], new PlanOptions { DesiredState = (DesiredState)value })).Left();

        Assert.Equal((ErrorKind.Validation, $"options.DesiredState {value} is not a DesiredState: state must be one of: ['inactive', 'loaded', 'launched']"), (error.Kind, error.Message));
        Assert.Equal(exchanges, log.Lines.Count);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public async Task A_plan_step_with_a_state_outside_the_enum_is_refused_before_any_step_is_applied(int value)
    {
        var log = new CapturingLogger(Microsoft.Extensions.Logging.LogLevel.Debug);
        await using var scope = await ClientScope.StartAsync(unix: true, clientOptions: new FleetClientOptions { Logger = log });
        var hello = Parse(HelloText);
        var plan = new UnitPlan(
        [
            new PlannedChange("hello.service", UnitChange.Created, hello, null, DesiredState.Launched),
            new PlannedChange("other.service", UnitChange.Created, hello, null, (DesiredState)value),
        ]);
        var exchanges = log.Lines.Count;

        var error = (await scope.Client.ApplyAsync(plan)).Left();

        Assert.Equal((ErrorKind.Validation, $"plan.Changes[1].To {value} is not a DesiredState: state must be one of: ['inactive', 'loaded', 'launched']"), (error.Kind, error.Message));
        Assert.Equal(exchanges, log.Lines.Count);
        Assert.Empty(scope.Server.Cluster.Units);
    }
}
