using Fleet.Core;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>Unit files on disk, as fleetctl looks for them (<c>os.Stat</c>, then <c>getUnitFromFile</c>), with Go's words for what goes wrong.</summary>
internal static class LocalUnitFiles
{
    // Linux's errno for a loop of symbolic links, which .NET passes on as the IOException's HResult.
    private const int TooManySymbolicLinks = 40;

    /// <summary>
    /// Whether something is at <paramref name="path"/> as fleetctl decides it
    /// (<c>!os.IsNotExist(os.Stat(path))</c>): only a path that names nothing is missing; a folder,
    /// a loop of links or a path through a file exist, and then fail to load with Go's words.
    /// </summary>
    /// <param name="path">The path, relative to the working directory.</param>
    /// <returns>Whether it exists.</returns>
    public static bool Exists(string path)
    {
        if (File.Exists(path) || Directory.Exists(path)) return true;
        try
        {
            File.OpenHandle(path).Dispose();
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ThroughAFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Go's error for a path that is not there.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The text.</returns>
    public static string Missing(string path) => $"stat {path}: no such file or directory";

    /// <summary>Reads and parses a unit file (Go's <c>ioutil.ReadFile</c>, then go-systemd's parser).</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The unit file, or what is wrong with it in Go's and go-systemd's words.</returns>
    public static async Task<Either<string, UnitFile>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path)) return $"read {path}: is a directory";
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"open {path}: {OpenFailure(path, e)}";
        }
        return UnitFile.ParseAsFleet(bytes).MapLeft(error => error.Message);
    }

    /// <summary>fleetctl's <c>matchLocalFileAndUnit</c>: whether the file holds what fleet holds for the unit (the same hash).</summary>
    /// <param name="path">The file.</param>
    /// <param name="unit">The unit in the registry.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>Whether they match, or why the file could not be compared.</returns>
    public static async Task<Either<string, bool>> MatchesAsync(string path, FleetUnit unit, CancellationToken cancellationToken)
    {
        if (!Exists(path)) return Missing(path);
        var local = await LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return local.Map(file => file.Hash == UnitFile.FromOptions(unit.Options).Hash);
    }

    // Go's text for the errno of a failed open.
    private static string OpenFailure(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => ThroughAFile(path) ? "not a directory" : "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        IOException { HResult: TooManySymbolicLinks } => "too many levels of symbolic links",
        _ => e.Message,
    };

    // ENOTDIR, which .NET reports as a missing path: a folder of the path is a file, or the path
    // ends in a slash after a file.
    private static bool ThroughAFile(string path)
    {
        var elements = path.Split('/');
        var prefix = path.StartsWith('/') ? "/" : "";
        for (var i = 0; i < elements.Length - 1; i++)
        {
            if (elements[i].Length == 0) continue;
            prefix += elements[i];
            if (File.Exists(prefix)) return true;
            if (!Directory.Exists(prefix)) return false;
            prefix += "/";
        }
        return false;
    }
}
