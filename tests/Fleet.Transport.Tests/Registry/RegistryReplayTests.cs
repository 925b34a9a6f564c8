using Fleet.Tests.Shared.Etcd;
using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Registry;

/// <summary>
/// The reference scenario's writes (submit, load, start, stop, unload, destroy of the reference
/// units) made again through the registry driver, from the keyspace before the first: after
/// each step the keys a client writes (<c>unit/</c>, <c>job/*/object</c>,
/// <c>job/*/target-state</c>, machines) are the reference's after the same step. What fleet's
/// engine and agents write (targets, heartbeats, states) is left out of the comparison.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistryReplayTests(RegistryFixture fixture)
{
    private static readonly Func<FleetClient, Task>[] None = [];

    // Each writing step of the reference, as driver operations. Steps the driver answers
    // differently on purpose (040: a template started through etcd, which this client refuses)
    // are run and not compared; 041 is withheld; the keyspaces meet again at 042.
    public static IEnumerable<(string Step, Func<FleetClient, Task>[] Actions, bool Compare)> Scenario()
    {
        yield return ("017", [c => Submit(c, "hello.service")], true);
        yield return ("018", [c => Refused(c.CreateUnitAsync("hello.service", Unit("hello.service")), 409, "must provide DesiredState to update existing unit")], true);
        yield return ("019", [.. new[] { "ping.service", "pong.service", "web@.service", "monitor.service", "db.service", "nowhere.service" }.Select(n => (Func<FleetClient, Task>)(c => Submit(c, n)))], true);
        yield return ("025", [c => Set(c, "ping.service", DesiredState.Loaded)], true);
        yield return ("026", [c => Set(c, "db.service", DesiredState.Loaded)], true);
        yield return ("027", [c => Set(c, "hello.service", DesiredState.Launched)], true);
        yield return ("028", [c => Set(c, "pong.service", DesiredState.Launched)], true);
        yield return ("029", [c => Instance(c, "web@1.service"), c => Instance(c, "web@2.service")], true);
        yield return ("030", [c => Set(c, "monitor.service", DesiredState.Launched)], true);
        yield return ("031", [c => Set(c, "db.service", DesiredState.Launched)], true);
        yield return ("032", [c => Set(c, "nowhere.service", DesiredState.Launched)], false);
        yield return ("033", [c => Set(c, "hello.service", DesiredState.Launched)], true);
        yield return ("039", [c => Refused(c.SetDesiredStateAsync("web@.service", DesiredState.Launched), 400, "cannot activate template \"web@.service\"")], true);
        yield return ("040", [c => Refused(c.SetDesiredStateAsync("web@.service", DesiredState.Launched), 400, "cannot activate template \"web@.service\"")], false);
        yield return ("042", [c => Destroy(c, "web@.service")], true);
        yield return ("043", [c => Submit(c, "web@3.service", "web@.service")], true);
        yield return ("044", [c => Set(c, "hello.service", DesiredState.Loaded)], true);
        yield return ("045", [c => Set(c, "pong.service", DesiredState.Loaded)], true);
        yield return ("046", [c => Set(c, "monitor.service", DesiredState.Loaded)], true);
        yield return ("047", [c => Refused(c.SetDesiredStateAsync("missing.service", DesiredState.Loaded), 409, "unit does not exist and options field empty")], false);
        yield return ("048", [c => Set(c, "ping.service", DesiredState.Inactive)], true);
        yield return ("049", [c => Set(c, "db.service", DesiredState.Inactive)], true);
        yield return ("052", [c => Destroy(c, "pong.service")], true);
        yield return ("053", [c => Destroy(c, "web@1.service"), c => Destroy(c, "web@2.service")], true);
        yield return ("054", [c => Refused(c.DestroyUnitAsync("missing.service"), 404, "unit does not exist")], true);
        yield return ("055", [c => Set(c, "hello.service", DesiredState.Inactive)], true);
        yield return ("060", [c => Expect(c.CreateUnitAsync("api-made.service", [new UnitOption("Unit", "Description", "Created through the fleet API"), new UnitOption("Service", "ExecStart", "/usr/bin/sleep infinity")], DesiredState.Launched))], true);
        yield return ("063", [c => Submit(c, "etcd-made.service")], true);
        yield return ("066", [c => Set(c, "etcd-made.service", DesiredState.Launched)], true);
        yield return ("083", [.. new[] { "hello.service", "ping.service", "db.service", "monitor.service", "nowhere.service", "web@3.service", "api-made.service", "etcd-made.service" }.Select(n => (Func<FleetClient, Task>)(c => Destroy(c, n))),
            c => Refused(c.DestroyUnitAsync("web@.service"), 404, "unit does not exist")], true);
    }

    [Fact]
    public async Task Replaying_the_reference_scenario_leaves_the_keys_fleetctl_left_after_every_step()
    {
        await fixture.ClearAsync();
        await using var etcd = fixture.Keys();
        await ReferenceStep.Load("016").SeedAsync(etcd);
        await using var client = await fixture.ConnectAsync();
        var compared = 0;

        foreach (var (number, actions, compare) in Scenario())
        {
            foreach (var action in actions) await action(client);
            if (!compare) continue;
            var expected = Keyspace.ClientWritten(ReferenceStep.Load(number).Keyspace());
            var actual = Keyspace.ClientWritten(await Keyspace.ReadAsync(etcd));
            Assert.True(expected.SequenceEqual(actual), $"after step {number}:\nmissing:\n{string.Join('\n', expected.Except(actual))}\nextra:\n{string.Join('\n', actual.Except(expected))}");
            compared++;
        }

        Assert.Equal(27, compared);
    }

    [Fact]
    public async Task A_template_started_through_etcd_is_refused_where_fleetctl_wrote_it_and_nothing_is_written()
    {
        await fixture.ClearAsync();
        await using var etcd = fixture.Keys();
        await ReferenceStep.Load("037").SeedAsync(etcd);
        var before = await Keyspace.ReadAsync(etcd);
        await using var client = await fixture.ConnectAsync();

        var refused = (await client.SetDesiredStateAsync("web@.service", DesiredState.Launched)).Left();
        var loaded = (await client.SetDesiredStateAsync("web@.service", DesiredState.Loaded)).Left();
        var unknown = (await client.SetDesiredStateAsync("hello.service", (DesiredState)7)).Left();

        Assert.Equal((ErrorKind.Http, 400, "cannot activate template \"web@.service\""), (refused.Kind, refused.Code, refused.Message));
        Assert.Equal(400, loaded.Code);
        Assert.Equal(ErrorKind.Validation, unknown.Kind);
        Assert.EndsWith(DesiredStates.InvalidStateMessage, unknown.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Keyspace.ReadAsync(etcd));
        // fleetctl's etcd driver wrote it (step 040): the reference shows what this client avoids.
        Assert.Contains($"{RegistryFixture.Prefix}/job/web@.service/target-state = launched", ReferenceStep.Load("040").Keyspace());
    }

    [Fact]
    public async Task A_unit_created_again_with_other_content_is_replaced_and_its_old_unit_file_stays()
    {
        await fixture.ClearAsync();
        await using var etcd = fixture.Keys();
        await ReferenceStep.Load("016").SeedAsync(etcd);
        await using var client = await fixture.ConnectAsync();
        var first = Unit("hello.service");
        var second = first.AddOption("Service", "Restart", "always");

        (await client.CreateUnitAsync("hello.service", first, DesiredState.Launched)).Right();
        (await client.CreateUnitAsync("hello.service", second)).Right();
        var unit = (await client.GetUnitAsync("hello.service")).Right();
        var keys = await Keyspace.ReadAsync(etcd);

        Assert.Equal(second.Hash, UnitFile.FromOptions(unit.Options).Hash);
        Assert.Equal(DesiredState.Inactive, unit.DesiredState);
        Assert.Contains(keys, line => line.StartsWith($"{RegistryFixture.Prefix}/unit/{first.Hash} = ", StringComparison.Ordinal));
        Assert.Contains(keys, line => line.StartsWith($"{RegistryFixture.Prefix}/unit/{second.Hash} = ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_custom_key_prefix_keeps_the_registry_there_as_fleetctl_did_with_etcd_key_prefix()
    {
        await fixture.ClearAsync();
        await using var etcd = fixture.Keys();
        var step = ReferenceStep.Load("070");
        await ReferenceStep.Load("069").SeedAsync(etcd);
        var fleetBefore = await Keyspace.ReadAsync(etcd);
        await using var client = await fixture.ConnectAsync(new Transport.Registry.FleetRegistryOptions { KeyPrefix = "otherfleet/" });

        await Submit(client, "hello.service");
        var units = (await client.ListUnitsAsync()).Right();
        var machines = (await client.ListMachinesAsync()).Right();

        Assert.Equal(step.Keyspace("/otherfleet"), await Keyspace.ReadAsync(etcd, "/otherfleet"));
        Assert.Equal(fleetBefore, await Keyspace.ReadAsync(etcd));
        Assert.Equal("hello.service", Assert.Single(units).Name);
        Assert.Empty(machines);
    }

    internal static UnitFile Unit(string name) => ReferenceStep.Unit(name);

    private static Task Submit(FleetClient client, string name, string? file = null) => Expect(client.CreateUnitAsync(name, Unit(file ?? name)));

    // fleetctl starts an instance whose template is in the registry by creating it from the template's content.
    private static async Task Instance(FleetClient client, string name)
    {
        var template = (await client.GetUnitAsync(UnitNameInfo.Parse(name).Right().Template!)).Right();
        await Expect(client.CreateUnitAsync(name, template.Options, DesiredState.Launched));
    }

    private static Task Set(FleetClient client, string name, DesiredState state) => Expect(client.SetDesiredStateAsync(name, state));

    private static Task Destroy(FleetClient client, string name) => Expect(client.DestroyUnitAsync(name));

    private static async Task Expect(Task<LanguageExt.Either<APIError, LanguageExt.Unit>> operation) => (await operation).Right();

    private static async Task Refused(Task<LanguageExt.Either<APIError, LanguageExt.Unit>> operation, int code, string message)
    {
        var error = (await operation).Left();
        Assert.Equal((ErrorKind.Http, code, message, (string?)null), (error.Kind, error.Code, error.Message, error.Received));
    }
}
