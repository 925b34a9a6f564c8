using Fleet.Core;
using Fleet.Core.Text;
using LanguageExt;

namespace Fleet.Transport.Http;

/// <summary>Escapes one path segment so that servers read it back as exactly that text.</summary>
internal static class PathSegment
{
    /// <summary>
    /// Percent-encodes everything but unreserved characters. The dot-segments "." and ".." are
    /// refused: servers resolve them away even when percent-encoded (Kestrel drops them, fleet's
    /// Go mux redirects), so no encoding reaches the server as that text. No valid unit name or
    /// machine id is one.
    /// </summary>
    public static Either<APIError, string> Escape(string segment) => segment is "." or ".."
        ? APIError.Validation($"the path segment {GoQuoting.Quote(segment)} cannot be sent: servers read it as a relative path")
        : Uri.EscapeDataString(segment);
}
