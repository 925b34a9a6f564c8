using Fleet.Core;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet;

/// <summary>
/// A unit to plan: its name and its unit file. A null file is an instance (<c>web@1.service</c>)
/// that takes its template's content: from the template among the units planned with it, else
/// from the template unit in the cluster, looked up by <see cref="FleetClient.PlanAsync"/>.
/// fleetctl looks in the cluster first; a set being applied looks at its own template first,
/// since that is what the cluster will hold once the set is applied.
/// </summary>
/// <param name="Name">The unit's name.</param>
/// <param name="File">Its unit file, or null for an instance whose template supplies it.</param>
public sealed record UnitSource(string Name, UnitFile? File)
{
    /// <summary>Where the template's file was looked for on disk, so a missing template names both places looked.</summary>
    internal string? TemplatePath { get; init; }

    /// <summary>Equal when the name and the file are: where a template was looked for is only a hint for messages.</summary>
    /// <param name="other">The other source.</param>
    /// <returns>Whether both name the same unit with the same file.</returns>
    public bool Equals(UnitSource? other) => other is not null && Name == other.Name && Equals(File, other.File);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, File);

    /// <summary>
    /// Every unit file directly in a folder (not in its subfolders): files named like units of a
    /// type fleet knows (<c>.service</c>, <c>.socket</c>, <c>.timer</c>, ...), in name order. An
    /// instance file that is empty, or a symlink to its template, takes the template's content
    /// (the template file in the folder, else the cluster's).
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <returns>The units, or the first error: a folder that cannot be read, an invalid unit name, a file that does not parse (naming it and the line).</returns>
    public static Either<APIError, IReadOnlyList<UnitSource>> FromFolder(string folder) => UnitSourceFiles.FromFolder(folder);

    /// <summary>
    /// The unit files at the given paths, in order, named after their files. An instance whose
    /// file is missing or empty takes its template's content: the template file beside where it
    /// would be, else the cluster's. (fleetctl takes a missing instance file from the template;
    /// an empty one as a placeholder is this library's convention, like systemd's symlink.)
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <returns>The units, or the first error: an invalid or repeated unit name, a missing file that is not an instance, a file that does not parse (naming it and the line).</returns>
    public static Either<APIError, IReadOnlyList<UnitSource>> FromFiles(IEnumerable<string> paths) => UnitSourceFiles.FromFiles(paths);
}
