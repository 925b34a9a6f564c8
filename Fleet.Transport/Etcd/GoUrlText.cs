using System.Text;
using Fleet.Core.Text;

namespace Fleet.Transport.Etcd;

/// <summary>
/// URL paths and form values escaped as Go's net/url escapes them, so that requests read exactly
/// as those of Go's etcd client: a path keeps letters, digits, <c>-_.~</c> and <c>$&amp;+,/:;=@</c>
/// (so <c>web@.service</c> stays as it is); a query or form value keeps letters, digits and
/// <c>-_.~</c>, and a blank becomes <c>+</c>. Everything else is each of its UTF-8 bytes as
/// <c>%XX</c>, in upper case.
/// </summary>
internal static class GoUrlText
{
    /// <summary>Go's <c>url.PathEscape</c>-like escaping of a whole path (slashes kept), as <c>url.URL.String</c> writes it.</summary>
    public static string EscapePath(string path) => Escape(path, query: false);

    /// <summary>Go's <c>url.QueryEscape</c>.</summary>
    public static string EscapeQuery(string value) => Escape(value, query: true);

    /// <summary>
    /// Go's <c>url.Values.Encode</c>: <c>name=value</c> pairs joined by <c>&amp;</c>, sorted by
    /// name (ordinally, a stable sort, so values of one name keep their order).
    /// </summary>
    public static string EncodeValues(IEnumerable<(string Name, string Value)> values)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in values.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            if (text.Length > 0) text.Append('&');
            text.Append(EscapeQuery(name)).Append('=').Append(EscapeQuery(value));
        }
        return text.ToString();
    }

    /// <summary>
    /// etcd's client's canonical path (<c>pathutil.CanonicalURLPath</c>): Go's <c>path.Clean</c> of
    /// the path with a leading slash, keeping a trailing slash.
    /// </summary>
    public static string CanonicalPath(string path)
    {
        if (path.Length == 0) return "/";
        if (path[0] != '/') path = "/" + path;
        var clean = GoPath.Clean(path);
        return path[^1] == '/' && clean != "/" ? clean + "/" : clean;
    }

    private static string Escape(string text, bool query)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var escaped = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (Keeps(b, query)) escaped.Append((char)b);
            else if (query && b == ' ') escaped.Append('+');
            else escaped.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
        }
        return escaped.ToString();
    }

    private static bool Keeps(byte b, bool query) => b switch
    {
        >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' => true,
        (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' => true,
        (byte)'$' or (byte)'&' or (byte)'+' or (byte)',' or (byte)'/' or (byte)':' or (byte)';' or (byte)'=' or (byte)'@' => !query,
        _ => false,
    };
}
