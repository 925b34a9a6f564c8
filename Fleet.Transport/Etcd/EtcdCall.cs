using System.Globalization;
using System.Text;
using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet.Transport.Etcd;

/// <summary>
/// One request of etcd's v2 keys API, before it is addressed to a member: what Go's etcd client
/// (keys.go) sends for get, set and delete, with the query and form parameters sorted by name as
/// <c>url.Values.Encode</c> sorts them.
/// </summary>
/// <param name="Method">GET, PUT or DELETE.</param>
/// <param name="Key">The key, as the caller named it.</param>
/// <param name="Query">The encoded query, without <c>?</c>; empty for none.</param>
/// <param name="Body">The encoded form, for a set.</param>
/// <param name="ContentType">The form's media type; a delete sends it without a body.</param>
/// <param name="OneShot">
/// Whether sending it again could answer differently from the first time (a create-only set, a
/// delete): Go's client then tries no other member after a failure. This client tries the next
/// member only when the first surely did not apply it (see <see cref="EtcdOutcome.Untouched"/>).
/// </param>
internal sealed record EtcdCall(string Method, string Key, string Query, byte[]? Body, string? ContentType, bool OneShot = false)
{
    /// <summary>Go's <c>application/x-www-form-urlencoded</c>.</summary>
    public const string Form = "application/x-www-form-urlencoded";

    /// <summary>The keys API's place under an endpoint.</summary>
    public const string KeysPath = "/v2/keys";

    public static Either<APIError, EtcdCall> Get(string key, EtcdGetOptions options) =>
        new EtcdCall("GET", key, GoUrlText.EncodeValues(
        [
            ("recursive", Bool(options.Recursive)),
            ("sorted", Bool(options.Sorted)),
            ("quorum", Bool(options.Quorum)),
        ]), null, null);

    public static Either<APIError, EtcdCall> Set(string key, string value, EtcdSetOptions options)
    {
        var query = new List<(string, string)>();
        var form = new List<(string, string)> { ("value", value) };
        if (Compare(options.PrevValue, options.PrevIndex, query) is { } invalid) return invalid;
        if (options.PrevExist is { } prevExist) query.Add(("prevExist", Bool(prevExist)));
        if (options.Ttl is { } ttl)
        {
            if (ttl < TimeSpan.FromSeconds(1)) return APIError.Validation($"a TTL must be at least one second, not {ttl.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s") with { Parameter = "options.Ttl" };
            form.Add(("ttl", ((long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        }
        return new EtcdCall("PUT", key, GoUrlText.EncodeValues(query), Encoding.ASCII.GetBytes(GoUrlText.EncodeValues(form)), Form, OneShot: options.PrevExist == false);
    }

    public static Either<APIError, EtcdCall> Delete(string key, EtcdDeleteOptions options)
    {
        var query = new List<(string, string)>();
        if (Compare(options.PrevValue, options.PrevIndex, query) is { } invalid) return invalid;
        if (options.Dir) query.Add(("dir", "true"));
        if (options.Recursive) query.Add(("recursive", "true"));
        return new EtcdCall("DELETE", key, GoUrlText.EncodeValues(query), null, Form, OneShot: true);
    }

    /// <summary>The request to a member whose URL has <paramref name="basePath"/> as its path.</summary>
    public HttpRequest For(string basePath, string host)
    {
        var key = Key.StartsWith('/') ? Key : "/" + Key;
        var path = GoUrlText.EscapePath(GoUrlText.CanonicalPath(basePath + KeysPath + key));
        return new HttpRequest(Method, Query.Length == 0 ? path : path + "?" + Query, host, Body, ContentType);
    }

    /// <summary>The request sent to a redirect's target, which names the whole path and query itself.</summary>
    public HttpRequest At(string target, string host) => new(Method, target, host, Body, ContentType);

    /// <summary>For messages: the method and key, quoted as Go quotes.</summary>
    public override string ToString() => $"{Method} {GoQuoting.Quote(Key)}";

    private static string Bool(bool value) => value ? "true" : "false";

    // The compare-and-swap conditions that a set and a delete share.
    private static APIError? Compare(string? prevValue, long? prevIndex, List<(string, string)> query)
    {
        if (prevValue is not null)
        {
            if (prevValue.Length == 0) return APIError.Validation("prevValue cannot be empty: etcd cannot compare against an empty value") with { Parameter = "options.PrevValue" };
            query.Add(("prevValue", prevValue));
        }
        if (prevIndex is { } index)
        {
            if (index <= 0) return APIError.Validation($"prevIndex must be positive, not {index}") with { Parameter = "options.PrevIndex" };
            query.Add(("prevIndex", index.ToString(CultureInfo.InvariantCulture)));
        }
        return null;
    }
}
