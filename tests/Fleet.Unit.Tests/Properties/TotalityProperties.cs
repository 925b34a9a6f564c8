using Fleet.Core;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;

namespace Fleet.UnitFiles.Tests.Properties;

/// <summary>
/// The parser is total: any bytes give a unit file or an error that says where, never an
/// exception and never a hang. Each parse runs on its own thread under a deadline, so a hang
/// fails the property instead of blocking the run.
/// </summary>
public class TotalityProperties
{
    // Parsing 12 KB takes well under a millisecond, so this is generous even on a loaded CI
    // machine. A hang costs one deadline per case tried (shrinking included) and leaves its
    // thread spinning in the background until the test process ends.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    [Property(Arbitrary = new[] { typeof(UnitFileArbitraries) }, MaxTest = 500)]
    public Property Any_bytes_give_a_unit_file_or_a_located_error(ByteSoup soup)
    {
        var bytes = soup.Bytes;
        Either<APIError, UnitFile>? result = null;
        Exception? thrown = null;
        var worker = new Thread(() =>
        {
            try
            {
                var parsed = UnitFile.Parse(bytes);
                // What is accepted must also write and hash.
                foreach (var unit in parsed.RightToSeq()) _ = unit.Hash + unit.Render();
                result = parsed;
            }
            catch (Exception e)
            {
                thrown = e;
            }
        })
        { IsBackground = true, Name = "unit file parse under a deadline" };
        worker.Start();
        var finished = worker.Join(Deadline);

        APIError? error = null;
        if (finished && result is { } parsed) Parsed.Unit(parsed, out error);
        var tooLong = error?.Message.StartsWith("line too long", StringComparison.Ordinal) == true;

        return Prop.ToProperty(() =>
            {
                Assert.True(finished, $"parsing {bytes.Length} bytes did not finish within {Deadline}");
                Assert.Null(thrown);
                Assert.NotNull(result);
                if (error is null) return;
                Assert.Equal(ErrorKind.UnitFile, error.Kind);
                Assert.NotNull(error.Location);
                Assert.InRange(error.Location.Offset, 0, bytes.Length);
            })
            .Classify(finished && error is null, "accepted")
            .Classify(tooLong, "refused: line too long")
            .Classify(error is not null && !tooLong, "refused: other")
            .Classify(bytes.Length > 4096, "over 4 KB");
    }
}
