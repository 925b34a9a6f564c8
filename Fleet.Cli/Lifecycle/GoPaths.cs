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
        var folder = slash < 0 ? "." : Clean(file[..(slash + 1)]);
        return Clean(folder + "/" + name);
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

    /// <summary>Go's <c>path.Clean</c>: one slash between elements, no <c>.</c>, <c>..</c> resolved where it can be, <c>.</c> for nothing.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The shortest equivalent path.</returns>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var kept = new List<string>();
        foreach (var element in path.Split('/'))
        {
            if (element is "" or ".") continue;
            if (element == "..")
            {
                if (kept.Count > 0 && kept[^1] != "..") kept.RemoveAt(kept.Count - 1);
                else if (!rooted) kept.Add("..");
                continue;
            }
            kept.Add(element);
        }
        var joined = string.Join('/', kept);
        if (rooted) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }
}
