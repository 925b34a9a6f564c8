using Fleet.UnitFiles.Requirements;

namespace Fleet.UnitFiles.Tests.Requirements;

public class RequirementsTests
{
    private static FleetRequirements Of(string xfleet, string? unitName = null) =>
        Assert.Single(UnitFile.Parse("[Service]\nExecStart=/bin/true\n[X-Fleet]\n" + xfleet).RightToSeq()).Requirements(unitName);

    [Fact]
    public void Quoted_values_split_at_spaces_outside_quotes()
    {
        Assert.Equal(["region=us-east", "disk=ssd"], FleetRequirements.SplitValues("\"region=us-east\" \"disk=ssd\""));
        Assert.Equal(["a b", "c"], FleetRequirements.SplitValues("\"a b\" \"c\""));
        Assert.Equal(["foo*.service bar.service"], FleetRequirements.SplitValues("foo*.service bar.service"));
        Assert.Equal(["\"half"], FleetRequirements.SplitValues("\"half"));
        Assert.Equal([""], FleetRequirements.SplitValues("\"\""));
        // A lone quote both starts and ends with a quote, as fleet sees it.
        Assert.Equal([""], FleetRequirements.SplitValues("\""));
    }

    [Fact]
    public void Repeated_options_add_their_values()
    {
        var requirements = Of("MachineMetadata=\"role=web\" \"disk=ssd\"\nMachineMetadata=role=db\nMachineMetadata=broken\nMachineMetadata=a=b=c\nMachineMetadata==x\n");
        Assert.Equal(["role=web", "disk=ssd", "role=db", "broken", "a=b=c", "=x"], requirements.Values["MachineMetadata"]);
        Assert.Equal(["web", "db"], requirements.MachineMetadata["role"]);
        Assert.Equal(["ssd"], requirements.MachineMetadata["disk"]);
        Assert.Equal(2, requirements.MachineMetadata.Count);
    }

    [Fact]
    public void Machine_id_prefers_the_modern_spelling_then_the_deprecated_ones()
    {
        Assert.Equal("new", Of("X-ConditionMachineID=old\nMachineID=new\n").MachineId);
        Assert.Equal("old", Of("X-ConditionMachineBootID=boot\nX-ConditionMachineID=old\n").MachineId);
        Assert.Equal("boot", Of("X-ConditionMachineBootID=boot\n").MachineId);
        Assert.Null(Of("Global=true\n").MachineId);
    }

    [Fact]
    public void Conflicts_split_into_words_from_both_spellings()
    {
        var requirements = Of("X-Conflicts=old.service\nConflicts=a*.service  b.service\tc.service\n");
        Assert.Equal(["old.service", "a*.service", "b.service", "c.service"], requirements.Conflicts);
    }

    [Fact]
    public void Peers_come_from_machine_of_in_both_spellings()
    {
        Assert.Equal(["old.service", "db.service"], Of("MachineOf=db.service\nX-ConditionMachineOf=old.service\n").MachineOf);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("YES", true)]
    [InlineData("1", true)]
    [InlineData("on", true)]
    [InlineData("t", true)]
    [InlineData("false", false)]
    [InlineData("y", false)]
    [InlineData("", false)]
    public void Global_is_the_last_value_read_as_fleet_reads_truth(string value, bool global)
    {
        Assert.Equal(global, Of($"Global={value}\n").Global);
        Assert.Equal(global, Of($"Global={(global ? "false" : "true")}\nGlobal={value}\n").Global);
    }

    [Fact]
    public void Specifiers_are_replaced_when_the_unit_name_is_known()
    {
        var requirements = Of("MachineOf=%p-db@%i.service\nConflicts=%N.bak %n\n", "web@8080.service");
        Assert.Equal(["web-db@8080.service"], requirements.MachineOf);
        Assert.Equal(["web@8080.bak", "web@8080.service"], requirements.Conflicts);
        Assert.Equal(["%p-db@%i.service"], Of("MachineOf=%p-db@%i.service\n").MachineOf);
        Assert.Equal(["hello-db.service"], Of("MachineOf=%p-db%i.service\n", "hello.service").MachineOf);
    }

    [Fact]
    public void Unknown_keys_are_listed()
    {
        Assert.Equal(["MachineIDs", "X-Bogus"], Of("MachineIDs=a\nGlobal=true\nX-Bogus=1\nX-Conflicts=b.service\n").UnrecognizedKeys);
    }

    [Fact]
    public void Only_the_x_fleet_section_counts()
    {
        var requirements = Assert.Single(UnitFile.Parse("[Service]\nGlobal=true\nMachineID=abc\n").RightToSeq()).Requirements();
        Assert.False(requirements.Global);
        Assert.Null(requirements.MachineId);
        Assert.Empty(requirements.Values);
    }

    [Theory]
    [InlineData("d*.service", "db.service", true)]
    [InlineData("*", "a.service", true)]
    [InlineData("*", "a/b.service", false)]
    [InlineData("web@*.service", "web@1.service", true)]
    [InlineData("web@?.service", "web@12.service", false)]
    [InlineData("[a-c]b.service", "bb.service", true)]
    [InlineData("[^a-c]b.service", "bb.service", false)]
    [InlineData("[!a]b.service", "!b.service", true)]
    [InlineData("\\*.service", "*.service", true)]
    [InlineData("\\*.service", "a.service", false)]
    [InlineData("[", "[", false)]
    [InlineData("a[", "a", false)]
    [InlineData("*.service", ".service", true)]
    [InlineData("*x*y", "axbxy", true)]
    [InlineData("\u00e9?.service", "\u00e9\u4e16.service", true)]
    [InlineData("*b*c", "xbyc", true)]
    [InlineData("*b*c", "xbycd", false)]
    [InlineData("a?c", "a/c", false)]
    [InlineData("[*]", "*", true)]
    [InlineData("[\\]]", "]", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    public void Globs_match_as_go_path_match_does(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, GoPathMatch.Matches(pattern, name));
    }

    [Theory]
    [InlineData("[")]
    [InlineData("[a")]
    [InlineData("[]a]")]
    [InlineData("[a-]")]
    [InlineData("a\\")]
    [InlineData("*[")]
    public void A_malformed_glob_matches_nothing(string pattern)
    {
        Assert.False(GoPathMatch.Matches(pattern, pattern));
        Assert.False(GoPathMatch.Matches(pattern, "a"));
        Assert.False(GoPathMatch.Matches(pattern, ""));
    }

    [Fact]
    public void Conflicts_and_replaces_globs_name_the_units_they_match_with_the_units_own_name_filled_in()
    {
        var requirements = FleetRequirements.Of(
            [new("X-Fleet", "Conflicts", "\"web@*.service\" \"db.service\""), new("X-Fleet", "Replaces", "old-%i.service")],
            "web@blue.service");

        Assert.True(requirements.ConflictsWith("web@green.service"));
        Assert.True(requirements.ConflictsWith("db.service"));
        Assert.False(requirements.ConflictsWith("web.service"));
        Assert.True(requirements.ReplacesUnit("old-blue.service"));
        Assert.False(requirements.ReplacesUnit("old-green.service"));
        Assert.False(requirements.ReplacesUnit("web@green.service"));
    }
}
