using System.Text;
using Fleet.Core;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet.Transport.Api;

/// <summary>
/// The request targets of fleet's v1 routes, under the endpoint's path prefix. Every path segment
/// and query value is escaped, so no name can change the request line.
/// </summary>
internal sealed class FleetTargets(string basePath)
{
    private readonly string root = basePath + "/fleet/v1/";

    public string Discovery => root + "discovery";

    public string Machines => root + "machines";

    public Either<APIError, string> Unit(string name) => PathSegment.Escape(name).Map(segment => root + "units/" + segment);

    public Either<APIError, string> State(string name) => PathSegment.Escape(name).Map(segment => root + "state/" + segment);

    public string Page(string collection, string? token, params (string Name, string? Value)[] filters)
    {
        var target = new StringBuilder(root).Append(collection);
        var separator = '?';
        foreach (var (name, value) in filters) Query(target, ref separator, name, value);
        Query(target, ref separator, "nextPageToken", token);
        return target.ToString();
    }

    private static void Query(StringBuilder target, ref char separator, string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        target.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
        separator = '&';
    }
}
