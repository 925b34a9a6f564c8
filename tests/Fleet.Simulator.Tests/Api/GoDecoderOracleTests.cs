using System.Text;
using System.Text.RegularExpressions;
using Fleet.Simulator.Api;

namespace Fleet.Simulator.Tests.Api;

/// <summary>
/// Our emulation of Go 1.19's decoders against Go's own output: GoOracle/decode-errors.go.txt
/// run under Go 1.19 printed decode-errors.expected.txt, one case a line (tab-separated, %q
/// quoted). U lines are <c>json.NewDecoder(r).Decode(&amp;unit)</c> into fleet's Unit struct: input,
/// error, decoded name. B lines are <c>base64.URLEncoding.DecodeString</c>: input, error,
/// decoded length. Each line is one theory row named by its quoted input.
/// </summary>
public sealed partial class GoDecoderOracleTests
{
    private static readonly string ExpectedFile = Path.Combine(AppContext.BaseDirectory, "GoOracle", "decode-errors.expected.txt");

    public static TheoryData<string, string, string> UnitCases() => Cases("U");

    public static TheoryData<string, string, string> Base64Cases() => Cases("B");

    [Fact]
    public void The_oracle_output_has_both_kinds_and_nothing_else()
    {
        var kinds = Lines().Select(l => l.Fields[0]).ToList();
        Assert.Contains("U", kinds);
        Assert.Contains("B", kinds);
        Assert.All(kinds, k => Assert.True(k is "U" or "B", $"unknown kind {k}"));
    }

    [Theory]
    [MemberData(nameof(UnitCases))]
    public void Unit_body_decodes_as_go_does(string input, string goError, string goName)
    {
        var (body, error) = RequestBodies.Unit(GoQuoted.Unquote(input));

        if (goError == "\"<nil>\"")
        {
            Assert.Null(error);
            Assert.NotNull(body);
            Assert.Equal(GoQuoted.UnquoteText(goName), body.Name);
        }
        else
        {
            // On an error fleet answers 400 and never reads the struct, so what Go left in it
            // (the name column) is not observable and not compared.
            Assert.Equal(FleetTypes(GoQuoted.UnquoteText(goError)), error);
            Assert.Null(body);
        }
    }

    [Theory]
    [MemberData(nameof(Base64Cases))]
    public void Page_token_base64_decodes_as_go_does(string input, string goError, string goLength)
    {
        // The page token reaches the decoder as the text of a query value, UTF-8 decoded.
        var (bytes, error) = GoBase64.DecodeUrl(Encoding.UTF8.GetString(GoQuoted.Unquote(input)));

        Assert.Equal(goError == "\"<nil>\"" ? null : GoQuoted.UnquoteText(goError), error);
        Assert.Equal(int.Parse(goLength, System.Globalization.CultureInfo.InvariantCulture), bytes.Length);
    }

    // The oracle declares its copies of fleet's structs in package main; fleet's live in schema.
    private static string FleetTypes(string goMessage) => MainPackage().Replace(goMessage, "schema.");

    [GeneratedRegex(@"(?<=[ *\]])main\.")]
    private static partial Regex MainPackage();

    private static TheoryData<string, string, string> Cases(string kind)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (_, fields) in Lines().Where(l => l.Fields[0] == kind)) data.Add(fields[1], fields[2], fields[3]);
        return data;
    }

    private static IEnumerable<(int Number, string[] Fields)> Lines()
    {
        var number = 0;
        foreach (var line in File.ReadLines(ExpectedFile, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length != 4) throw new InvalidDataException($"{ExpectedFile}:{number}: expected 4 tab-separated fields, got {fields.Length}");
            yield return (number, fields);
        }
    }
}
