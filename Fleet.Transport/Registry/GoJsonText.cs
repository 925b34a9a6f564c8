using System.Globalization;
using System.Text;

namespace Fleet.Transport.Registry;

/// <summary>
/// JSON as Go's <c>encoding/json</c> writes it for fleet's registry values: the same bytes, so a
/// key written here equals the one fleet writes. Strings escape <c>"</c>, <c>\</c>, control
/// characters (<c>\n</c>, <c>\r</c>, <c>\t</c>, else <c>\u00XX</c>), and, for HTML,
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 as <c>\u</c> escapes in lowercase
/// hex; everything else stays as it is, and half of a surrogate pair becomes <c>\ufffd</c>.
/// </summary>
internal static class GoJsonText
{
    /// <summary><c>{"Raw":"..."}</c>: a unit file's value under <c>unit/HASH</c>.</summary>
    public static string UnitModel(string raw)
    {
        var json = new StringBuilder(raw.Length + 16).Append("{\"Raw\":");
        AppendString(json, raw);
        return json.Append('}').ToString();
    }

    /// <summary><c>{"Name":"...","UnitHash":[20 numbers]}</c>: a unit's value under <c>job/NAME/object</c>.</summary>
    public static string JobModel(string name, ReadOnlySpan<byte> hash)
    {
        var json = new StringBuilder(name.Length + 100).Append("{\"Name\":");
        AppendString(json, name);
        json.Append(",\"UnitHash\":[");
        for (var i = 0; i < hash.Length; i++)
        {
            if (i > 0) json.Append(',');
            json.Append(hash[i].ToString(CultureInfo.InvariantCulture));
        }
        return json.Append("]}").ToString();
    }

    /// <summary>A JSON string, quoted and escaped as Go escapes it.</summary>
    public static void AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        json.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        json.Append("\\ufffd");
                    }
                    else
                    {
                        json.Append(c);
                    }
                    break;
            }
        }
        json.Append('"');
    }
}
