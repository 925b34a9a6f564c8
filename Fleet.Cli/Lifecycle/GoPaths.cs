using Fleet.Core.Text;

namespace Fleet.Cli.Lifecycle;

/// <summary>Go's <c>path</c> package, which fleetctl uses on the paths of unit files: slashes only.</summary>
internal static class GoPaths
{
    /// <summary>Go's <c>path.Join(path.Dir(file), name)</c>: <paramref name="name"/> in the folder of <paramref name="file"/>.</summary>
    /// <param name="file">A file's path, as given on the command line.</param>
    /// <param name="name">Another file's name.</param>
    /// <returns>The cleaned path of the other file beside the first.</returns>
    public static string Beside(string file, string name)
    {
        var slash = file.LastIndexOf('/');
        var folder = slash < 0 ? "." : GoPath.Clean(file[..(slash + 1)]);
        return GoPath.Clean(folder + "/" + name);
    }

    /// <summary>Go's <c>path.Base</c>: the last element, trailing slashes ignored; <c>.</c> for nothing, <c>/</c> for only slashes.</summary>
    /// <param name="path">The path.</param>
    /// <returns>Its last element.</returns>
    public static string Base(string path)
    {
        if (path.Length == 0) return ".";
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return "/";
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

}
