using Fleet.Core;
using Fleet.Transport.Tests.Api;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Conveniences;

public sealed class EnsureTests
{
    private static readonly UnitFile Hello = UnitFile.Parse("[Unit]\nDescription=Hello\n\n[Service]\nExecStart=/bin/sleep 1d\n").Right();
    private static readonly UnitFile Other = UnitFile.Parse("[Service]\nExecStart=/bin/true\n").Right();

    [Fact]
    public async Task A_missing_unit_is_created_with_its_content_and_state()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        var result = (await scope.Client.EnsureUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();

        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.Created, null, DesiredState.Launched), result);
        var unit = (await scope.Client.GetUnitAsync("hello.service")).Right();
        Assert.Equal((Hello.Options, DesiredState.Launched), (unit.Options, unit.DesiredState));
    }

    [Fact]
    public async Task A_unit_with_other_content_is_replaced()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("hello.service", Other, DesiredState.Loaded)).Right();

        var result = (await scope.Client.EnsureUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();

        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.Replaced, DesiredState.Loaded, DesiredState.Launched), result);
        var unit = (await scope.Client.GetUnitAsync("hello.service")).Right();
        Assert.Equal((Hello.Options, DesiredState.Launched), (unit.Options, unit.DesiredState));
    }

    [Fact]
    public async Task A_unit_with_the_same_content_only_changes_state()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Inactive)).Right();

        var result = (await scope.Client.EnsureUnitAsync("hello.service", Hello, DesiredState.Loaded)).Right();

        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.StateChanged, DesiredState.Inactive, DesiredState.Loaded), result);
        Assert.Equal(DesiredState.Loaded, (await scope.Client.GetUnitAsync("hello.service")).Right().DesiredState);
    }

    [Fact]
    public async Task A_unit_as_asked_is_left_alone()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();
        // The same content written differently (comments, spacing) hashes the same: nothing to do.
        var rewritten = UnitFile.Parse("# greeting\n[Unit]\nDescription = Hello\n[Service]\nExecStart=/bin/sleep 1d  \n").Right();

        var result = (await scope.Client.EnsureUnitAsync("hello.service", rewritten, DesiredState.Launched)).Right();

        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.Unchanged, DesiredState.Launched, DesiredState.Launched), result);
    }

    [Fact]
    public async Task Ensuring_twice_changes_nothing_the_second_time()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        var first = (await scope.Client.EnsureUnitAsync("hello.service", Hello, DesiredState.Loaded)).Right();
        var second = (await scope.Client.EnsureUnitAsync("hello.service", Hello, DesiredState.Loaded)).Right();

        Assert.Equal((UnitChange.Created, UnitChange.Unchanged), (first.Change, second.Change));
    }

    [Fact]
    public async Task A_template_is_not_stored_active()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        var refused = (await scope.Client.EnsureUnitAsync("web@.service", Hello, DesiredState.Launched)).Left();
        var created = (await scope.Client.EnsureUnitAsync("web@.service", Hello, DesiredState.Inactive)).Right();

        Assert.Equal((ErrorKind.Validation, "cannot activate template \"web@.service\""), (refused.Kind, refused.Message));
        Assert.Equal(UnitChange.Created, created.Change);
    }

    [Fact]
    public async Task An_absent_unit_is_destroyed_once()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched)).Right();

        var destroyed = (await scope.Client.EnsureUnitAbsentAsync("hello.service")).Right();
        var again = (await scope.Client.EnsureUnitAbsentAsync("hello.service")).Right();

        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.Destroyed, DesiredState.Launched, null), destroyed);
        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.Unchanged, null, null), again);
        Assert.Equal(404, (await scope.Client.GetUnitAsync("hello.service")).Left().Code);
    }

    [Fact]
    public async Task A_desired_state_is_changed_or_left()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Inactive)).Right();

        var changed = (await scope.Client.EnsureDesiredStateAsync("hello.service", DesiredState.Launched)).Right();
        var same = (await scope.Client.EnsureDesiredStateAsync("hello.service", DesiredState.Launched)).Right();

        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.StateChanged, DesiredState.Inactive, DesiredState.Launched), changed);
        Assert.Equal(new UnitChangeResult("hello.service", UnitChange.Unchanged, DesiredState.Launched, DesiredState.Launched), same);
    }

    [Fact]
    public async Task The_desired_state_of_a_missing_unit_is_fleets_404()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        var error = (await scope.Client.EnsureDesiredStateAsync("ghost.service", DesiredState.Launched)).Left();

        Assert.Equal((ErrorKind.Http, 404, "unit does not exist"), (error.Kind, error.Code, error.Message));
    }

    [Fact]
    public async Task Invalid_names_are_refused_before_anything_is_sent()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        var present = (await scope.Client.EnsureUnitAsync("a b.service", Hello, DesiredState.Launched)).Left();
        var absent = (await scope.Client.EnsureUnitAbsentAsync("hello")).Left();
        var state = (await scope.Client.EnsureDesiredStateAsync("", DesiredState.Launched)).Left();

        Assert.Equal(
            [(ErrorKind.Validation, "invalid character ' ' in unit name"), (ErrorKind.Validation, "unit name must contain \".\""), (ErrorKind.Validation, "unit name cannot be empty")],
            new[] { present, absent, state }.Select(e => (e.Kind, e.Message)));
        Assert.Empty(scope.Server.Cluster.Units);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public async Task A_desired_state_outside_the_enum_is_refused_before_the_unit_is_read(int value)
    {
        var log = new CapturingLogger(Microsoft.Extensions.Logging.LogLevel.Debug);
        await using var scope = await ClientScope.StartAsync(unix: true, clientOptions: new FleetClientOptions { Logger = log });
        (await scope.Client.CreateUnitAsync("hello.service", Other, DesiredState.Loaded)).Right();
        var exchanges = log.Lines.Count;

        var errors = new[]
        {
            (await scope.Client.EnsureUnitAsync("hello.service", Hello, (DesiredState)value)).Left(),
            (await scope.Client.EnsureUnitAsync("new.service", Hello, (DesiredState)value)).Left(),
            (await scope.Client.EnsureDesiredStateAsync("hello.service", (DesiredState)value)).Left(),
        };

        Assert.All(errors, error => Assert.Equal(
            (ErrorKind.Validation, $"desiredState {value} is not a DesiredState: state must be one of: ['inactive', 'loaded', 'launched']"),
            (error.Kind, error.Message)));
        Assert.Equal(exchanges, log.Lines.Count);
        var unit = Assert.Single(scope.Server.Cluster.Units);
        Assert.Equal((Other.Options, DesiredState.Loaded), (unit.Options, unit.DesiredState));
    }
}
