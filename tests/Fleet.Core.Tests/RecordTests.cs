using System.Text.Json;
using Fleet.Core.Collections;

namespace Fleet.Core.Tests;

public class RecordTests
{
    private static readonly UnitOption ExecStart = new("Service", "ExecStart", "/bin/true");

    [Fact]
    public void Units_compare_by_the_content_of_their_options()
    {
        var a = new FleetUnit("hello.service", [ExecStart], DesiredState.Launched);
        var b = new FleetUnit("hello.service", new List<UnitOption> { new("Service", "ExecStart", "/bin/true") }, DesiredState.Launched);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Options = [ExecStart, ExecStart] });
        Assert.NotEqual(a, b with { DesiredState = DesiredState.Loaded });
    }

    [Fact]
    public void Options_given_as_a_mutable_list_are_copied()
    {
        var options = new List<UnitOption> { ExecStart };
        var unit = new FleetUnit("hello.service", options);
        options.Add(ExecStart);
        Assert.Single(unit.Options);
    }

    [Fact]
    public void Machines_compare_by_metadata_content_whatever_its_order()
    {
        var a = new Machine("222f532fc7580e18ebfca1f8614c8086", "172.17.8.101",
            new Dictionary<string, string> { ["role"] = "web", ["disk"] = "ssd" });
        var b = new Machine("222f532fc7580e18ebfca1f8614c8086", "172.17.8.101",
            new Dictionary<string, string> { ["disk"] = "ssd", ["role"] = "web" });
        Assert.Equal(a, b);
        Assert.Equal(["disk", "role"], a.Metadata.Keys);
        Assert.NotEqual(a, b with { Metadata = new Dictionary<string, string> { ["disk"] = "hdd" } });
        Assert.Empty(new Machine("9a805ebde048c3f6e34bd2c4b3f89a2c").Metadata);
    }

    [Fact]
    public void Pages_compare_by_content()
    {
        var state = new UnitState("hello.service", "0ff4e4ab", "222f532fc7580e18ebfca1f8614c8086", "loaded", "active", "running");
        Assert.Equal(new UnitStatePage([state], "ZAACAA=="), new UnitStatePage([state with { }], "ZAACAA=="));
        Assert.NotEqual(new UnitStatePage([state]), new UnitStatePage([state], "ZAACAA=="));
        IPage<UnitState> page = new UnitStatePage([state]);
        Assert.Same(state, Assert.Single(page.Items));
    }

    [Fact]
    public void Json_uses_fleets_field_names()
    {
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        var unit = new FleetUnit("hello.service", [ExecStart], DesiredState.Launched, DesiredState.Loaded, "222f532fc7580e18ebfca1f8614c8086");
        Assert.Equal(
            """{"name":"hello.service","options":[{"section":"Service","name":"ExecStart","value":"/bin/true"}],"desiredState":"launched","currentState":"loaded","machineID":"222f532fc7580e18ebfca1f8614c8086"}""",
            JsonSerializer.Serialize(unit, options));
        Assert.Equal(
            """{"id":"9a","primaryIP":"172.17.8.103","metadata":{"a":"1"}}""",
            JsonSerializer.Serialize(new Machine("9a", "172.17.8.103", new Dictionary<string, string> { ["a"] = "1" }), options));
    }

    [Fact]
    public void Fleets_json_reads_into_the_records()
    {
        // A units page as fleet writes it (transcripts: alphabetical fields, omitted empties).
        const string body = """{"units":[{"currentState":"launched","desiredState":"launched","machineID":"7d6b720dcb47f5ecaabc6955293ad1b6","name":"db.service","options":[{"name":"ExecStart","section":"Service","value":"/bin/sleep 1d"}]},{"desiredState":"inactive","name":"x.service","options":[]}]}""";
        var page = JsonSerializer.Deserialize<UnitPage>(body)!;
        Assert.Null(page.NextPageToken);
        Assert.Equal(
            new FleetUnit("db.service", [new UnitOption("Service", "ExecStart", "/bin/sleep 1d")], DesiredState.Launched, DesiredState.Launched, "7d6b720dcb47f5ecaabc6955293ad1b6"),
            page.Units[0]);
        Assert.Equal(new FleetUnit("x.service", desiredState: DesiredState.Inactive), page.Units[1]);
    }

    [Fact]
    public void Null_strings_are_refused_at_the_boundary()
    {
        Assert.Throws<ArgumentNullException>(() => new UnitOption(null!, "a", "b"));
        Assert.Throws<ArgumentNullException>(() => new FleetUnit(null!));
        Assert.Throws<ArgumentNullException>(() => new Machine(null!));
    }

    [Fact]
    public void Value_lists_and_maps_have_value_semantics()
    {
        ValueList<int> a = [1, 2, 3];
        Assert.Equal(ValueList<int>.From([1, 2, 3]), a);
        Assert.Equal(ValueList<int>.From(new List<int> { 1, 2, 3 }).GetHashCode(), a.GetHashCode());
        Assert.NotEqual(ValueList<int>.From([1, 2]), a);
        Assert.Same(ValueList<int>.Empty, ValueList<int>.From([]));

        var map = ValueMap.From([new("b", "2"), new("a", "1"), new("b", "3")]);
        Assert.Equal("3", map["b"]);
        Assert.False(map.ContainsKey("c"));
        Assert.Throws<KeyNotFoundException>(() => map["c"]);
        Assert.Equal(ValueMap.From([new("a", "1"), new("b", "3")]), map);
    }

    [Fact]
    public void Errors_say_kind_code_place_and_message()
    {
        Assert.Equal("Http 404: unit does not exist", APIError.Http(404, "unit does not exist").ToString());
        Assert.Equal("UnitFile: bad (line 2, column 10)", APIError.UnitFile("bad", new SourceLocation(2, 10, 19)).ToString());
        Assert.Equal("UnitFile: bad at line 2, column 10", APIError.UnitFile("bad at line 2, column 10", new SourceLocation(2, 10, 19)).ToString());
    }

    [Fact]
    public void Source_locations_count_lines_and_characters()
    {
        var text = "[Unit]\n\u00e9t\u00e9=x\n"u8;
        Assert.Equal(new SourceLocation(1, 1, 0), SourceLocation.Of(text, 0));
        Assert.Equal(new SourceLocation(2, 1, 7), SourceLocation.Of(text, 7));
        // After two two-byte characters and one one-byte: column 4, byte offset 7 + 5.
        Assert.Equal(new SourceLocation(2, 4, 12), SourceLocation.Of(text, 12));
        Assert.Equal(new SourceLocation(3, 1, text.Length), SourceLocation.Of(text, text.Length));
    }
}
