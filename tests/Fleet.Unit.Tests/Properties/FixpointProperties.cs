using System.Text;
using Fleet.Core;
using FsCheck;
using FsCheck.Fluent;

namespace Fleet.UnitFiles.Tests.Properties;

/// <summary>
/// Whatever fleet accepts, its canonical text is a fixpoint: reading it gives the same options
/// (grouped) unless a value ends in a continuation, and in every case the text settles after one
/// more round, so fleet's hash of a resubmitted unit is stable. Both hold trivially for text
/// fleet refuses, so each property also counts the cases that took the accepted path and fails
/// when too few did: a generator that stopped producing acceptable text would otherwise leave
/// them passing while checking nothing.
/// </summary>
public class FixpointProperties
{
    private const int Cases = 1000;

    // About 75% of generated texts are accepted and about 62% accepted without a value that
    // ends in a continuation; over 1000 cases a share below 40% is a broken generator, not chance.
    private const double MinimumAccepted = 0.4;

    private static readonly Config Checked = Config.QuickThrowOnFailure.WithMaxTest(Cases);

    [Fact]
    public void Canonical_text_reads_back_as_the_same_options_grouped()
    {
        var (tried, accepted) = (0, 0);
        Prop.ForAll(UnitFileArbitraries.UnitLikeTexts(), text =>
        {
            var property = ReadsBackGrouped(text, out var checkedIt);
            tried++;
            if (checkedIt) accepted++;
            return property;
        }).Check(Checked);

        AssertEnoughAccepted(tried, accepted);
    }

    [Fact]
    public void Canonical_text_settles_after_one_more_round()
    {
        var (tried, accepted) = (0, 0);
        Prop.ForAll(UnitFileArbitraries.UnitLikeTexts(), text =>
        {
            var property = Settles(text, out var checkedIt);
            tried++;
            if (checkedIt) accepted++;
            return property;
        }).Check(Checked);

        AssertEnoughAccepted(tried, accepted);
    }

    private static void AssertEnoughAccepted(int tried, int accepted)
    {
        Assert.Equal(Cases, tried);
        Assert.True(accepted >= MinimumAccepted * tried, $"only {accepted} of {tried} generated texts took the accepted path");
    }

    private static Property ReadsBackGrouped(UnitLikeText text, out bool checkedIt)
    {
        var first = Parsed.Unit(UnitFile.Parse(text.Text), out _);
        var continues = first is not null && first.Options.Any(EndsInContinuation);
        checkedIt = first is not null && !continues;

        return Prop.ToProperty(() =>
            {
                if (first is null || continues) return;
                var again = Parsed.Unit(UnitFile.Parse(first.ToUtf8Bytes()), out var error);
                Assert.True(again is not null, $"the canonical text was refused: {error}\ntext: {Show.Text(first.Render())}");
                Assert.Equal(OptionOrder.GroupedBySection(first.Options), again.Options);
            })
            .Classify(first is not null && !continues, "accepted")
            .Classify(continues, "accepted, a value ends in \\ or a newline (skipped)")
            .Classify(first is null, "refused");
    }

    private static Property Settles(UnitLikeText text, out bool checkedIt)
    {
        var first = Parsed.Unit(UnitFile.Parse(text.Text), out _);
        checkedIt = first is not null;

        return Prop.ToProperty(() =>
            {
                if (first is null) return;
                var t1 = first.ToUtf8Bytes();
                var t2 = Reparse(t1);
                var t3 = Reparse(t2);
                Assert.True(t3.AsSpan().SequenceEqual(t2), $"t2: {Show.Text(Encoding.UTF8.GetString(t2))}\nt3: {Show.Text(Encoding.UTF8.GetString(t3))}");
            })
            .Classify(first is not null, "accepted")
            .Classify(first is not null && first.Options.Any(EndsInContinuation), "a value ends in \\ or a newline")
            .Classify(first is null, "refused");
    }

    private static byte[] Reparse(byte[] text)
    {
        var unit = Parsed.Unit(UnitFile.Parse(text), out var error);
        Assert.True(unit is not null, $"canonical text was refused: {error}\ntext: {Show.Text(Encoding.UTF8.GetString(text))}");
        return unit.ToUtf8Bytes();
    }

    private static bool EndsInContinuation(UnitOption option) => option.Value.EndsWith('\\') || option.Value.EndsWith('\n');
}
