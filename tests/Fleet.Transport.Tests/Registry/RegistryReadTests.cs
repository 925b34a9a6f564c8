using Fleet.Tests.Shared.Etcd;
using System.Text.Json;
using Fleet.Core;

namespace Fleet.Transport.Tests.Registry;

/// <summary>
/// The registry driver reads a reference step's keyspace and gives what fleetctl's etcd driver
/// (or fleet's API over the same etcd) showed at that step: the data, not the formatting.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistryReadTests(RegistryFixture fixture)
{
    [Fact]
    public async Task Machines_are_listed_in_id_order_with_their_address_and_metadata_as_fleetctl_listed_them()
    {
        var step = await SeedAsync("004");

        await using var client = await fixture.ConnectAsync();
        var machines = (await client.ListMachinesAsync()).Right();

        var expected = step.Stdout.Skip(1).Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(expected.Select(columns => columns[0]), machines.Select(m => m.Id));
        Assert.Equal(expected.Select(columns => columns[1]), machines.Select(m => m.PrimaryIp));
        Assert.Equal(
            expected.Select(columns => columns[2]),
            machines.Select(m => m.Metadata.Count == 0 ? "-" : string.Join(',', m.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))));
        // The version each fleetd registered, which fleet's API does not show.
        Assert.All(machines, m => Assert.Equal("v1.0.0", m.Version));
    }

    [Theory]
    [InlineData("020")]
    [InlineData("037")]
    [InlineData("051")]
    [InlineData("061")]
    [InlineData("084")]
    public async Task Units_are_listed_with_the_hash_desired_state_current_state_and_target_fleetctl_showed(string number)
    {
        var step = await SeedAsync(number);

        await using var client = await fixture.ConnectAsync();
        var units = (await client.ListUnitsAsync()).Right();
        var machines = (await client.ListMachinesAsync()).Right();

        var rows = step.Stdout.Skip(1).Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(rows.Select(r => r[0]), units.Select(u => u.Name));
        foreach (var (row, unit) in rows.Zip(units))
        {
            Assert.Equal(row[1], UnitFiles.UnitFile.FromOptions(unit.Options).Hash[..7]);
            Assert.Equal(row[2], unit.DesiredState?.ToFleetString());
            if (row[4] == "global") continue;
            Assert.Equal(row[3], unit.CurrentState?.ToFleetString());
            Assert.Equal(row[4], unit.MachineId is null ? "-" : Short(unit.MachineId, machines));
        }
    }

    [Theory]
    [InlineData("009")]
    [InlineData("034")]
    [InlineData("050")]
    [InlineData("085")]
    public async Task Unit_states_are_listed_by_unit_and_machine_as_fleetctl_listed_them(string number)
    {
        var step = await SeedAsync(number);

        await using var client = await fixture.ConnectAsync();
        var states = (await client.ListUnitStatesAsync()).Right();
        var machines = (await client.ListMachinesAsync()).Right();

        var rows = step.Stdout.Skip(1).Select(line => string.Join(' ', line.Split('\t', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(rows, states.Select(s => $"{s.Name} {Short(s.MachineId!, machines)} {s.SystemdActiveState} {s.SystemdSubState}"));
    }

    [Fact]
    public async Task Unit_states_are_filtered_by_machine_and_by_unit_as_fleets_API_filters_them()
    {
        await SeedAsync("034");
        await using var client = await fixture.ConnectAsync();

        var onOne = (await client.ListUnitStatesAsync(machineId: "222f532fc7580e18ebfca1f8614c8086")).Right();
        var ofOne = (await client.ListUnitStatesAsync(unitName: "monitor.service")).Right();
        var both = (await client.ListUnitStatesAsync("7d6b720dcb47f5ecaabc6955293ad1b6", "monitor.service")).Right();

        Assert.Equal(["monitor.service", "ping.service", "pong.service"], onOne.Select(s => s.Name));
        Assert.Equal(["222f532fc7580e18ebfca1f8614c8086", "7d6b720dcb47f5ecaabc6955293ad1b6", "9a805ebde048c3f6e34bd2c4b3f89a2c"], ofOne.Select(s => s.MachineId));
        Assert.Equal("7d6b720dcb47f5ecaabc6955293ad1b6", Assert.Single(both).MachineId);
    }

    [Fact]
    public async Task A_unit_reads_back_as_the_unit_file_fleetctl_printed()
    {
        var step = await SeedAsync("022");
        await using var client = await fixture.ConnectAsync();

        var unit = (await client.GetUnitAsync("hello.service")).Right();

        Assert.Equal(string.Join('\n', step.Stdout), UnitFiles.UnitFile.FromOptions(unit.Options).Render().TrimEnd('\n'));
        Assert.Equal(DesiredState.Inactive, unit.DesiredState);
        Assert.Equal(DesiredState.Inactive, unit.CurrentState);
        Assert.Null(unit.MachineId);
    }

    [Fact]
    public async Task A_unit_reads_back_exactly_as_fleets_API_answered_for_it_over_the_same_etcd()
    {
        var step = await SeedAsync("068");
        var body = string.Join('\n', ReferenceStepSection(step, "--- response body ---").TakeWhile(l => l != "\\ no newline at end"));
        var answered = JsonSerializer.Deserialize(body, FleetJsonContext.Default.FleetUnit)!;
        await using var client = await fixture.ConnectAsync();

        var unit = (await client.GetUnitAsync("etcd-made.service")).Right();

        Assert.Equal(answered, unit);
        Assert.Equal("7d6b720dcb47f5ecaabc6955293ad1b6", unit.MachineId);
        Assert.Equal(DesiredState.Launched, unit.CurrentState);
    }

    [Fact]
    public async Task A_unit_that_is_not_there_is_fleets_404_and_a_published_state_is_read_from_its_machine()
    {
        await SeedAsync("034");
        await using var client = await fixture.ConnectAsync();

        var missing = (await client.GetUnitAsync("missing.service")).Left();
        var state = (await client.GetUnitStateAsync("hello.service")).Right();
        var none = (await client.GetUnitStateAsync("nowhere.service")).Left();

        Assert.Equal((ErrorKind.Http, 404, "unit does not exist"), (missing.Kind, missing.Code, missing.Message));
        Assert.Equal(new UnitState("hello.service", "e55c0aeb44ba0b68004ceb8a200e685194448b45", "9a805ebde048c3f6e34bd2c4b3f89a2c", "loaded", "active", "running"), state);
        Assert.Equal((ErrorKind.Http, 404, "unit state does not exist"), (none.Kind, none.Code, none.Message));
    }

    [Fact]
    public async Task A_machine_folder_whose_object_is_gone_is_left_out_of_the_machines()
    {
        await SeedAsync("004");
        await using (var etcd = fixture.Keys())
        {
            // What a machine that left (its object deleted or lapsed) leaves in etcd: an empty folder.
            (await etcd.DeleteAsync(RegistryFixture.Prefix + "/machines/222f532fc7580e18ebfca1f8614c8086/object")).Right();
        }
        await using var client = await fixture.ConnectAsync();

        var machines = (await client.ListMachinesAsync()).Right();

        Assert.Equal(["7d6b720dcb47f5ecaabc6955293ad1b6", "9a805ebde048c3f6e34bd2c4b3f89a2c"], machines.Select(m => m.Id));
    }

    [Fact]
    public async Task A_target_state_fleet_cannot_parse_leaves_the_unit_out_of_the_list_and_fails_reading_it()
    {
        await SeedAsync("055");
        await using (var etcd = fixture.Keys())
        {
            (await etcd.SetAsync(RegistryFixture.Prefix + "/job/hello.service/target-state", "bogus")).Right();
        }
        await using var client = await fixture.ConnectAsync();

        var units = (await client.ListUnitsAsync()).Right();
        var hello = (await client.GetUnitAsync("hello.service")).Left();

        Assert.DoesNotContain("hello.service", units.Select(u => u.Name));
        Assert.Contains("db.service", units.Select(u => u.Name));
        Assert.Equal(ErrorKind.Decoding, hello.Kind);
        Assert.Equal("failed to parse Unit(hello.service) target-state: invalid value \"bogus\" for JobState", hello.Message);
    }

    [Fact]
    public async Task Metadata_written_through_the_API_is_merged_over_the_machines_own_and_an_empty_value_removes_a_key()
    {
        await SeedAsync("004");
        await using var client = await fixture.ConnectAsync();

        (await client.EditMachineMetadataAsync([
            new MetadataEdit(MetadataOperation.Add, "9a805ebde048c3f6e34bd2c4b3f89a2c", "rack", "r7"),
            new MetadataEdit(MetadataOperation.Replace, "222f532fc7580e18ebfca1f8614c8086", "role", "db"),
            new MetadataEdit(MetadataOperation.Remove, "222f532fc7580e18ebfca1f8614c8086", "disk", null),
        ])).Right();
        var machines = (await client.ListMachinesAsync()).Right().ToDictionary(m => m.Id);
        await using var etcd = fixture.Keys();
        var keys = await Keyspace.ReadAsync(etcd);

        Assert.Equal("r7", machines["9a805ebde048c3f6e34bd2c4b3f89a2c"].Metadata["rack"]);
        Assert.Equal(new Dictionary<string, string> { ["region"] = "us-east", ["role"] = "db" }, machines["222f532fc7580e18ebfca1f8614c8086"].Metadata);
        Assert.Contains($"{RegistryFixture.Prefix}/machines/222f532fc7580e18ebfca1f8614c8086/metadata/disk = ", keys);
    }

    [Fact]
    public async Task A_machine_folder_holding_only_metadata_is_left_out_as_fleet_leaves_it_out()
    {
        await SeedAsync("004");
        await using var client = await fixture.ConnectAsync();
        // What fleet's API writes for a machine it does not know, and what a machine whose
        // registration ran out leaves behind.
        (await client.EditMachineMetadataAsync([MetadataEdit.Add("nosuchmachine", "x", "y")])).Right();

        var machines = (await client.ListMachinesAsync()).Right();

        Assert.Equal(["222f532fc7580e18ebfca1f8614c8086", "7d6b720dcb47f5ecaabc6955293ad1b6", "9a805ebde048c3f6e34bd2c4b3f89a2c"], machines.Select(m => m.Id));
    }

    private async Task<ReferenceStep> SeedAsync(string number)
    {
        await fixture.ClearAsync();
        var step = ReferenceStep.Load(number);
        await using var etcd = fixture.Keys();
        await step.SeedAsync(etcd);
        return step;
    }

    private static IReadOnlyList<string> ReferenceStepSection(ReferenceStep step, string header) => step.Section(header);

    // fleetctl's short form of a machine: the id's first 8 characters and its address.
    private static string Short(string machineId, IReadOnlyList<Machine> machines) =>
        $"{machineId[..8]}.../{machines.Single(m => m.Id == machineId).PrimaryIp}";
}
