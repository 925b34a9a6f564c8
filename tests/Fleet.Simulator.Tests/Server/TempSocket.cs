namespace Fleet.Simulator.Tests.Server;

/// <summary>A socket path in a fresh directory of its own (short enough for sun_path), removed with the directory.</summary>
internal sealed class TempSocket : IDisposable
{
    public TempSocket()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fleet-").FullName;
        Path = System.IO.Path.Combine(Directory, "fleet.sock");
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
