using Fleet.Core;

namespace Fleet.UnitFiles.Tests;

/// <summary>fleet's API check of a unit's options, with the messages fleet answers 400 with.</summary>
public class ValidationTests
{
    private static APIError? Check(string xfleet)
    {
        var unit = Assert.Single(UnitFile.Parse("[Service]\nExecStart=/bin/true\n\n[X-Fleet]\n" + xfleet).RightToSeq());
        var result = unit.Validate();
        foreach (var valid in result.RightToSeq()) Assert.Same(unit, valid);
        return result.LeftToSeq().FirstOrDefault();
    }

    [Theory]
    [InlineData("MachineID=abc\nMachineOf=db.service\n", "MachineID cannot be used with Peers")]
    [InlineData("MachineID=abc\nConflicts=db.service\n", "MachineID cannot be used with Conflicts")]
    [InlineData("MachineID=abc\nGlobal=true\n", "MachineID cannot be used with Global")]
    [InlineData("MachineID=abc\nReplaces=db.service\n", "MachineID cannot be used with Replaces")]
    [InlineData("X-ConditionMachineBootID=abc\nReplaces=db.service\n", "MachineID cannot be used with Replaces")]
    [InlineData("Global=yes\nMachineOf=db.service\n", "Global cannot be used with Peers")]
    [InlineData("Global=on\nReplaces=db.service\n", "Global cannot be used with Replaces")]
    [InlineData("Conflicts=a.service\nReplaces=db.service\n", "Conflicts cannot be used with Replaces")]
    [InlineData("MachineOf=db.service\nConflicts=d*.service\n", "unresolvable requirements: peer \"db.service\" matches conflict \"d*.service\"")]
    [InlineData("MachineOf=db.service\nReplaces=db.service\n", "unresolvable requirements: peer \"db.service\" matches replace \"db.service\"")]
    [InlineData("X-ConditionMachineOf=db.service\nX-Conflicts=x.service d?.service\n", "unresolvable requirements: peer \"db.service\" matches conflict \"d?.service\"")]
    // fleet checks before replacing specifiers, so identical specifier patterns collide.
    [InlineData("MachineOf=%p.service\nConflicts=%p.service\n", "unresolvable requirements: peer \"%p.service\" matches conflict \"%p.service\"")]
    public void Contradicting_requirements_are_refused_with_fleets_message(string xfleet, string message)
    {
        var error = Check(xfleet);
        Assert.NotNull(error);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("MachineID=abc\n")]
    [InlineData("Global=true\nConflicts=a.service\nMachineMetadata=role=web\n")]
    [InlineData("Global=false\nReplaces=db.service\n")]
    [InlineData("MachineOf=db.service\nConflicts=web*.service\n")]
    [InlineData("Bogus=1\n")]
    public void Requirements_that_fit_together_pass(string xfleet) => Assert.Null(Check(xfleet));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void An_option_holding_half_of_a_surrogate_pair_is_refused_since_it_could_only_be_sent_changed(int field)
    {
        // Built here: an attribute's strings are stored as UTF-8, which has no form for a lone surrogate either.
        var lone = "\ud800";
        UnitOption option = field switch
        {
            0 => new("Serv" + lone + "ice", "ExecStart", "/bin/true"),
            1 => new("Service", "Exec" + lone + "Start", "/bin/true"),
            _ => new("Service", "ExecStart", "/bin/echo " + lone),
        };
        var unit = UnitFile.FromOptions([new UnitOption("Service", "Description", "first"), option]);

        var error = Assert.Single(unit.Validate().LeftToSeq());

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.StartsWith("option \"[", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("\" must be valid Unicode text: half of a surrogate pair cannot be sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_fleet_would_refuse_after_writing_gets_fleets_message()
    {
        var unit = UnitFile.FromOptions([new UnitOption("Service", "ExecStart", new string('x', 2100))]);
        var error = Assert.Single(unit.Validate().LeftToSeq());
        Assert.Equal(ErrorKind.UnitFile, error.Kind);
        Assert.Equal("line too long (max 2048 bytes)", error.Message);
        Assert.Equal(2, error.Location!.Line);
    }

    [Theory]
    [InlineData("Exec\nStart", "unexpected newline encountered while parsing option name")]
    [InlineData("a]b", "found garbage after section name : [98 93]")]
    public void Options_that_do_not_survive_a_write_and_read_get_fleets_message(string text, string message)
    {
        var option = text.Contains(']', StringComparison.Ordinal) ? new UnitOption(text, "A", "b") : new UnitOption("Service", text, "b");
        Assert.Equal(message, Assert.Single(UnitFile.FromOptions([option]).Validate().LeftToSeq()).Message);
    }
}
