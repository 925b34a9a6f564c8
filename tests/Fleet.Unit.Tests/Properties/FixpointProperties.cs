using System.Text;
using Fleet.Core;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Fleet.Unit.Tests.Properties;

/// <summary>
/// Whatever fleet accepts, its canonical text is a fixpoint: reading it gives the same options
/// (grouped) unless a value ends in a continuation, and in every case the text settles after one
/// more round, so fleet's hash of a resubmitted unit is stable.
/// </summary>
public class FixpointProperties
{
    [Property(Arbitrary = new[] { typeof(UnitFileArbitraries) }, MaxTest = 1000)]
    public Property Canonical_text_reads_back_as_the_same_options_grouped(UnitLikeText text)
    {
        var first = Parsed.Unit(UnitFile.Parse(text.Text), out _);
        var continues = first is not null && first.Options.Any(EndsInContinuation);

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

    [Property(Arbitrary = new[] { typeof(UnitFileArbitraries) }, MaxTest = 1000)]
    public Property Canonical_text_settles_after_one_more_round(UnitLikeText text)
    {
        var first = Parsed.Unit(UnitFile.Parse(text.Text), out _);

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
