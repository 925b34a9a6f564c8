namespace Fleet.Simulator.Api;

/// <summary>
/// A query string as Go 1.19's <c>url.URL.Query</c> reads it: pairs split on <c>&amp;</c>, a pair
/// holding <c>;</c> or a bad escape dropped, <c>+</c> read as a space, values kept in order.
/// </summary>
internal static class GoQuery
{
    public static IReadOnlyDictionary<string, List<string>> Parse(string? rawQuery)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in (rawQuery ?? "").Split('&'))
        {
            if (pair.Length == 0 || pair.Contains(';')) continue;
            var equals = pair.IndexOf('=');
            var key = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = Unescape(equals < 0 ? "" : pair[(equals + 1)..]);
            if (key is null || value is null) continue;
            if (!values.TryGetValue(key, out var list)) values[key] = list = [];
            list.Add(value);
        }
        return values;
    }

    /// <summary>The values of <paramref name="key"/>, none when absent.</summary>
    public static IReadOnlyList<string> Get(this IReadOnlyDictionary<string, List<string>> query, string key) =>
        query.TryGetValue(key, out var list) ? list : [];

    private static string? Unescape(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])) return null;
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }
}
