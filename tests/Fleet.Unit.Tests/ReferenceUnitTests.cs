using System.Text.Json;
using Fleet.Core;
using Fleet.Tests.Shared;

namespace Fleet.UnitFiles.Tests;

/// <summary>
/// Every unit file fleet's own code parsed (tests/fleet-reference/units, or the folder named by
/// FLEET_UNIT_CASES): the same options, the same rejections, the same canonical text and hash,
/// and the same [X-Fleet] values.
/// </summary>
public class ReferenceUnitTests
{
    private static readonly string Folder = ReferenceData.Folder("units", "FLEET_UNIT_CASES");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.unit").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Fact]
    public void Every_case_has_a_unit_file_and_an_expectation()
    {
        var units = Directory.EnumerateFiles(Folder, "*.unit").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToList();
        var expectations = Directory.EnumerateFiles(Folder, "*.expected.json")
            .Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order().ToList();
        Assert.NotEmpty(units);
        Assert.Equal(units, expectations);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses_writes_and_hashes_as_fleet_does(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, name + ".unit"));
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".expected.json")));
        var root = expected.RootElement;

        var parsed = UnitFile.Parse(bytes);

        if (root.TryGetProperty("error", out var fleetError))
        {
            var error = Assert.Single(parsed.LeftToSeq());
            Assert.Equal(ErrorKind.UnitFile, error.Kind);
            Assert.NotNull(error.Location);
            Assert.False(string.IsNullOrWhiteSpace(error.Message), $"fleet said: {fleetError.GetString()}");
            return;
        }

        var unit = Assert.Single(parsed.RightToSeq());
        var expectedOptions = root.GetProperty("options").EnumerateArray()
            .Select(o => new UnitOption(o.GetProperty("section").GetString()!, o.GetProperty("name").GetString()!, o.GetProperty("value").GetString()!))
            .ToList();
        Assert.Equal(expectedOptions, unit.Options);
        Assert.Equal(root.GetProperty("serialized").GetString(), unit.Render());
        Assert.Equal(root.GetProperty("hash").GetString(), unit.Hash);

        if (root.TryGetProperty("xfleet", out var xfleet))
        {
            var expectedValues = xfleet.EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToList());
            var values = unit.Requirements().Values;
            Assert.Equal(expectedValues.Keys.Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, list) in expectedValues) Assert.Equal(list, values[key]);
        }
        else
        {
            Assert.Empty(unit.Requirements().Values);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Canonical_text_reads_back_as_the_options_grouped_by_section(string name)
    {
        var parsed = UnitFile.Parse(File.ReadAllBytes(Path.Combine(Folder, name + ".unit")));
        foreach (var unit in parsed.RightToSeq())
        {
            var again = Assert.Single(UnitFile.Parse(unit.ToUtf8Bytes()).RightToSeq());
            // fleet writes a value that ends in a backslash as a continuation line, which it then
            // reads together with what follows: the options change, and the text settles one round later.
            if (unit.Options.Any(o => o.Value.EndsWith('\\') || o.Value.EndsWith('\n')))
            {
                var third = Assert.Single(UnitFile.Parse(again.ToUtf8Bytes()).RightToSeq());
                Assert.Equal(again.Render(), third.Render());
                continue;
            }
            Assert.Equal(OptionOrder.GroupedBySection(unit.Options), again.Options);
        }
    }
}
