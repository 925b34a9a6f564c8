using System.Text;
using System.Text.RegularExpressions;

namespace Fleet.Simulator.Api;

/// <summary>Request paths as Go's net/url and fleet's ServeMux read them (Fleet.Core.Text.GoPath has path.Clean itself).</summary>
internal static partial class MuxPath
{
    /// <summary>The percent-decoded path (Go's PathUnescape: '+' stays), or null when an escape is malformed.</summary>
    public static string? Unescape(string raw)
    {
        if (!raw.Contains('%')) return raw;
        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(raw[i].ToString()));
                continue;
            }
            if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2])) return null;
            bytes.Add(Convert.ToByte(raw.Substring(i + 1, 2), 16));
            i += 2;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// Go's ServeMux cleanPath: path.Clean of the path rooted at "/", keeping a trailing slash.
    /// A request whose path is not already clean is redirected to this one.
    /// </summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return "/";
        if (path[0] != '/') path = "/" + path;
        var clean = Core.Text.GoPath.Clean(path);
        if (path.EndsWith('/') && clean != "/") clean += "/";
        return clean;
    }

    /// <summary>The machine id and key of a metadata path (<c>/ID/metadata/KEY</c>), or null.</summary>
    public static (string Machine, string Key)? MetadataPath(string path)
    {
        var match = MetadataPattern().Match(path);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : null;
    }

    // fleet's metadataPathRegex; \z because Go's $ does not match before a final newline.
    [GeneratedRegex(@"^/([^/]+)/metadata/([A-Za-z0-9_.-]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataPattern();
}
