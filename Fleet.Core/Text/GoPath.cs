namespace Fleet.Core.Text;

/// <summary>Go's <c>path</c> package, slash-separated paths whatever the platform, as fleet and fleetctl use it.</summary>
internal static class GoPath
{
    /// <summary>
    /// Go's <c>path.Clean</c>: one slash between elements, no <c>.</c> elements, each <c>..</c>
    /// removed with the element before it (and at the root of a rooted path), no trailing slash
    /// except for the root itself, and <c>.</c> for a path that comes to nothing.
    /// </summary>
    /// <param name="path">The path.</param>
    /// <returns>The shortest path naming the same file by lexical processing alone.</returns>
    public static string Clean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
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
