using System.Text;

namespace Fleet.Tests.Shared;

/// <summary>
/// A request target (<c>/fleet/v1/units/web%401.service?alt=json</c>) read as fleet's Go server
/// reads it before its mux routes it: the path percent-decoded by url.PathUnescape ('+' stays a
/// plus), the query split on '&amp;' and each name and value decoded by url.QueryUnescape ('+'
/// is a space). Every test that reads unit names or filters out of a captured or received
/// request reads them here, so that python-fleet's <c>%40</c> and fleetctl's <c>@</c> name the
/// same unit.
/// </summary>
internal sealed record RequestTarget(string Path, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The last segment of the decoded path: the unit of <c>/units/NAME</c> or <c>/state/NAME</c>.</summary>
    public string LastSegment => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Each query name with its first value, as fleet's handlers read them (<c>Values.Get</c>).</summary>
    public IReadOnlyDictionary<string, string> FirstValues
    {
        get
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in Query) values.TryAdd(name, value);
            return values;
        }
    }

    /// <summary>Reads a target; a malformed escape, which Go's server refuses, is a <see cref="FormatException"/>.</summary>
    public static RequestTarget Parse(string target)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = Unescape(question < 0 ? target : target[..question], plusIsSpace: false);
        var query = new List<KeyValuePair<string, string>>();
        if (question >= 0)
        {
            foreach (var pair in target[(question + 1)..].Split('&'))
            {
                if (pair.Length == 0) continue;
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
                query.Add(new(Unescape(name, plusIsSpace: true), Unescape(value, plusIsSpace: true)));
            }
        }
        return new RequestTarget(path, query);
    }

    private static string Unescape(string text, bool plusIsSpace)
    {
        if (!text.Contains('%', StringComparison.Ordinal) && !(plusIsSpace && text.Contains('+', StringComparison.Ordinal))) return text;
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    throw new FormatException($"invalid URL escape \"{text[i..Math.Min(i + 3, text.Length)]}\" in {text}");
                }
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (plusIsSpace && text[i] == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                // A run of literal text at once, so that a surrogate pair stays whole.
                var end = text.IndexOfAny(plusIsSpace ? ['%', '+'] : ['%'], i);
                if (end < 0) end = text.Length;
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i..end]));
                i = end - 1;
            }
        }
        return StrictUtf8.GetString([.. bytes]);
    }
}
