using Fleet.Core;
using Fleet.Core.Text;
using LanguageExt;

namespace Fleet.Transport.Etcd;

/// <summary>One member of the cluster as the caller named it: its URL (for messages) and the endpoint parsed from it.</summary>
internal sealed record EtcdMember(string Url, FleetEndpoint Endpoint)
{
    /// <summary>An <c>http://</c> or <c>https://</c> URL, with an optional path in front of <c>/v2/keys</c>.</summary>
    public static Either<APIError, EtcdMember> Parse(string? text)
    {
        var url = (text ?? "").Trim();
        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return APIError.Validation($"etcd endpoint {GoQuoting.Quote(url)} is not an http:// or https:// URL");
        }
        return FleetEndpoint.Parse(url)
            .MapLeft(e => APIError.Validation($"etcd endpoint {GoQuoting.Quote(url)}: {e.Message}"))
            .Map(endpoint => new EtcdMember(url.TrimEnd('/'), endpoint));
    }
}
