using System.Text;
using Fleet.UnitFiles.Parsing;

namespace Fleet.UnitFiles.Tests.Parsing;

/// <summary>
/// GoText.ToText converts short text through a stack buffer and longer text through the
/// framework's decoder; both must give Go's answer on either side of the 256-byte boundary.
/// </summary>
public class GoTextTests
{
    public static TheoryData<int> Lengths => [1, 2, 255, 256, 257, 300, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Valid_text_converts_as_UTF8_at_any_length(int length)
    {
        // ASCII, then two- three- and four-byte runes, cut to whole runes.
        foreach (var unit in (string[])["a", "é", "世", "😀"])
        {
            var text = string.Concat(Enumerable.Repeat(unit, Math.Max(1, length / Encoding.UTF8.GetByteCount(unit))));
            Assert.Equal(text, GoText.ToText(Encoding.UTF8.GetBytes(text)));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Each_invalid_byte_becomes_one_replacement_character_at_any_length(int length)
    {
        foreach (var at in new[] { 0, length / 2, length - 1 })
        {
            var bytes = Enumerable.Repeat((byte)'x', length).ToArray();
            bytes[at] = 0xE2; // a three-byte lead without its continuation: Go replaces the lead alone
            var expected = new string('x', at) + "\uFFFD" + new string('x', length - at - 1);
            Assert.Equal(expected, GoText.ToText(bytes));
        }
    }
}

/// <summary>Shared option-name strings are only an allocation saving: names read the same either way.</summary>
public class KnownOptionNamesTests
{
    [Fact]
    public void Known_names_near_misses_and_empty_names_parse_to_their_text()
    {
        string[] names = ["ExecStart", "ExecStarT", "ExecStar", "ExecStartX", "xecStart", "X-Conflicts", "Unit", "Únit", "", "MachineMetadata"];
        var text = "[Service]\n" + string.Concat(names.Select(name => name + "=v\n"));
        var unit = Assert.Single(UnitFile.Parse(text).RightToSeq());
        Assert.Equal(names, unit.Options.Select(o => o.Name));
    }

    [Fact]
    public void A_known_name_is_one_shared_string()
    {
        var first = Assert.Single(UnitFile.Parse("[Service]\nExecStart=a\n").RightToSeq());
        var second = Assert.Single(UnitFile.Parse("[Service]\nExecStart=b\n").RightToSeq());
        Assert.Same(first.Options[0].Name, second.Options[0].Name);
    }
}
