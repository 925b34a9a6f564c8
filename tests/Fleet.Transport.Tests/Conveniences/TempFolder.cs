namespace Fleet.Transport.Tests.Conveniences;

/// <summary>A folder of unit files of a test's own, deleted with everything in it when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("fleet-units-").FullName;

    public string Path { get; }

    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string Link(string name, string target)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
