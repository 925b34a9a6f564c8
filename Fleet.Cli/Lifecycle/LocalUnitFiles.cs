using Fleet.Core;
using Fleet.Unit;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>Unit files on disk, as fleetctl looks for them (<c>os.Stat</c>, then <c>getUnitFromFile</c>).</summary>
internal static class LocalUnitFiles
{
    /// <summary>Whether something is at <paramref name="path"/> (Go's <c>!os.IsNotExist(os.Stat(path))</c>): a file, or a folder, which then fails to load.</summary>
    /// <param name="path">The path, relative to the working directory.</param>
    /// <returns>Whether it exists.</returns>
    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    /// <summary>Go's error for a path that is not there.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The text.</returns>
    public static string Missing(string path) => $"stat {path}: no such file or directory";

    /// <summary>Reads and parses a unit file.</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The unit file, or what is wrong with it.</returns>
    public static async Task<Either<string, UnitFile>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path)) return $"read {path}: is a directory";
        var loaded = await UnitFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return loaded.MapLeft(error => error.Message);
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
}
