using Fleet.Core;

namespace Fleet.UnitFiles.Tests;

/// <summary>Building and editing units the way python-fleet users do, without mutation.</summary>
public class EditingTests
{
    private static readonly UnitFile Hello = Assert.Single(UnitFile.Parse(
        "[Unit]\nDescription=Hello World\n\n[Service]\nExecStart=/bin/bash -c \"while true; do echo Hello; sleep 1; done\"\nEnvironment=A=1\nEnvironment=B=2\n").RightToSeq());

    [Fact]
    public void Adding_an_option_returns_a_new_unit_and_leaves_the_old_one()
    {
        var edited = Hello.AddOption("X-Fleet", "MachineMetadata", "role=web");
        Assert.Equal(5, edited.Options.Count);
        Assert.Equal(4, Hello.Options.Count);
        Assert.Equal(new UnitOption("X-Fleet", "MachineMetadata", "role=web"), edited.Options[^1]);
        Assert.NotEqual(Hello.Hash, edited.Hash);
        Assert.EndsWith("\n\n[X-Fleet]\nMachineMetadata=role=web\n", edited.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_to_an_earlier_section_writes_it_with_that_section()
    {
        var edited = Hello.AddOption("Unit", "After", "docker.service");
        Assert.StartsWith("[Unit]\nDescription=Hello World\nAfter=docker.service\n\n[Service]\n", edited.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_takes_every_match_or_only_a_given_value()
    {
        Assert.Equal(2, Hello.RemoveOptions("Service", "Environment").Options.Count);
        var one = Hello.RemoveOptions("Service", "Environment", "B=2");
        Assert.Equal(["A=1"], one.Options.Where(o => o.Name == "Environment").Select(o => o.Value));
        Assert.Same(Hello, Hello.RemoveOptions("Service", "Environment", "C=3"));
        Assert.Same(Hello, Hello.RemoveOptions("service", "Environment"));
        Assert.Equal(4, Hello.Options.Count);
    }

    [Fact]
    public void Units_from_options_and_from_text_are_equal_when_their_options_are()
    {
        var built = UnitFile.FromOptions(Hello.Options.ToList());
        Assert.Equal(Hello, built);
        Assert.Equal(Hello.Hash, built.Hash);
        Assert.Equal(Hello.Render(), built.ToString());
        Assert.Equal("Hello World", built.Description);
        Assert.Equal("", UnitFile.Empty.Description);
    }

    [Fact]
    public void An_empty_unit_writes_nothing_and_hashes_as_fleet_does()
    {
        Assert.Equal("", UnitFile.Empty.Render());
        Assert.Equal("da39a3ee5e6b4b0d3255bfef95601890afd80709", UnitFile.Empty.Hash);
        Assert.Same(UnitFile.Empty, Assert.Single(UnitFile.Parse("# nothing\n[Unit]\n").RightToSeq()));
    }

    [Fact]
    public void Interleaved_sections_are_kept_in_file_order_and_written_grouped()
    {
        var unit = Assert.Single(UnitFile.Parse("[A]\na=1\n[B]\nb=1\n[A]\na=2\n").RightToSeq());
        Assert.Equal(["1", "1", "2"], unit.Options.Select(o => o.Value));
        Assert.Equal("[A]\na=1\na=2\n\n[B]\nb=1\n", unit.Render());
    }

    [Fact]
    public void Many_interleaved_sections_are_grouped_in_first_seen_order()
    {
        var options = Enumerable.Range(0, 200).Select(i => new UnitOption($"S{i % 40}", "N", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var text = UnitFile.FromOptions(options).Render();
        var reread = Assert.Single(UnitFile.Parse(text).RightToSeq());
        Assert.Equal(OptionOrder.GroupedBySection(options), reread.Options);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => UnitFile.FromOptions(null!));
        Assert.Throws<ArgumentNullException>(() => UnitFile.FromOptions([null!]));
        Assert.Throws<ArgumentNullException>(() => Hello.AddOption(null!));
        Assert.Throws<ArgumentNullException>(() => UnitFile.Parse((string)null!));
    }
}
