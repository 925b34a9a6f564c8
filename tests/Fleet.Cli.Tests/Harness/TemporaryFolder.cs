namespace Fleet.Cli.Tests.Harness;

/// <summary>A folder of a test's own, short enough for unix socket paths; removed on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("flcli").FullName;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
