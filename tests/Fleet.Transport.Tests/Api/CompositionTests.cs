using Fleet.Core;
using LanguageExt;

namespace Fleet.Transport.Tests.Api;

/// <summary>How C# composes the client's calls: LINQ over EitherAsync, Bind, and Match at the end.</summary>
public sealed class CompositionTests
{
    private static readonly UnitOption[] Exec = [new("Service", "ExecStart", "/bin/true")];

    [Fact]
    public async Task Calls_chain_with_linq_and_the_result_is_matched_once()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        var client = scope.Client;

        var flow =
            from created in client.CreateUnitAsync("hello.service", Exec, DesiredState.Launched).ToAsync()
            from unit in client.GetUnitAsync("hello.service").ToAsync()
            from loaded in client.SetDesiredStateAsync(unit, DesiredState.Loaded).ToAsync()
            from state in client.GetUnitStateAsync("hello.service").ToAsync()
            select $"{unit.CurrentState} then {state.SystemdActiveState} on {state.MachineId![..8]}";

        var said = await flow.Match(text => text, error => $"failed: {error}");

        Assert.Equal("Launched then inactive on 222f532f", said);
    }

    [Fact]
    public async Task The_first_failure_stops_the_chain()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        var client = scope.Client;

        var flow =
            from missing in client.GetUnitAsync("missing.service").ToAsync()
            from created in client.CreateUnitAsync("after.service", Exec, DesiredState.Launched).ToAsync()
            select created;

        var error = await flow.Match(_ => null, error => error);

        Assert.Equal((404, "unit does not exist"), (error!.Code, error.Message));
        Assert.Equal(404, (await client.GetUnitAsync("after.service")).Left().Code);
    }

    [Fact]
    public async Task Bind_and_map_compose_a_call_on_the_result_of_another()
    {
        await using var scope = await ClientScope.StartAsync(unix: false);
        var client = scope.Client;
        (await client.CreateUnitAsync("a.service", Exec, DesiredState.Launched)).Right();
        (await client.CreateUnitAsync("b.service", Exec, DesiredState.Inactive)).Right();

        // Destroy every unit that is not running, then count what is left.
        var left = await client.ListUnitsAsync().ToAsync()
            .Bind(units => units
                .Where(u => u.CurrentState != DesiredState.Launched)
                .Select(u => client.DestroyUnitAsync(u).ToAsync())
                .SequenceSerial()
                .Map(destroyed => destroyed.Count()))
            .Bind(destroyed => client.ListUnitsAsync().ToAsync().Map(units => (destroyed, units.Count)))
            .ToEither();

        Assert.Equal((1, 1), left.Right());
    }
}
