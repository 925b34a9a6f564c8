using System.Text;
using Fleet.Core;

namespace Fleet.UnitFiles.Tests;

/// <summary>Reading unit files from disk and streams, with errors that name the file.</summary>
public sealed class LoadingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fleet-unit-tests-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Files_load_the_same_way_sync_and_async()
    {
        var path = Write("hello.service", "[Service]\nExecStart=/bin/true\n");
        var expected = Assert.Single(UnitFile.Parse("[Service]\nExecStart=/bin/true\n").RightToSeq());
        Assert.Equal(expected, Assert.Single(UnitFile.Load(path).RightToSeq()));
        Assert.Equal(expected, Assert.Single((await UnitFile.LoadAsync(path)).RightToSeq()));
    }

    [Fact]
    public async Task A_missing_file_is_an_error_naming_it()
    {
        var path = Path.Combine(directory, "missing.service");
        foreach (var result in new[] { UnitFile.Load(path), await UnitFile.LoadAsync(path) })
        {
            var error = Assert.Single(result.LeftToSeq());
            Assert.Equal(ErrorKind.UnitFile, error.Kind);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_malformed_file_is_an_error_naming_the_file_and_the_place()
    {
        var path = Write("bad.service", "[Service]\nExecStart\n");
        var error = Assert.Single(UnitFile.Load(path).LeftToSeq());
        Assert.StartsWith(path + ": unexpected newline", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Location!.Line);
    }

    [Fact]
    public async Task Streams_are_read_to_their_end()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("[Unit]\nDescription=from a stream\n"));
        var unit = Assert.Single((await UnitFile.ReadAsync(stream)).RightToSeq());
        Assert.Equal("from a stream", unit.Description);
    }

    [Fact]
    public async Task Input_over_the_limit_is_refused_without_reading_it_all()
    {
        using var stream = new MemoryStream(new byte[100_000]);
        var error = Assert.Single((await UnitFile.ReadAsync(stream, maxBytes: 1000)).LeftToSeq());
        Assert.Contains("larger than 1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(stream.Position < 100_000);
        var path = Write("big.service", new string('#', 5000));
        Assert.Contains("larger than 1000 bytes", Assert.Single(UnitFile.Load(path, maxBytes: 1000).LeftToSeq()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        var path = Write("hello.service", "[Service]\nExecStart=/bin/true\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UnitFile.LoadAsync(path, cancellationToken: cancelled.Token));
    }
}
