using System.Globalization;
using System.Text;

namespace Fleet.Core.Text;

/// <summary>
/// JSON as Go 1.19's <c>json.Marshal</c> writes it: compact, no trailing newline, fields in the
/// order the caller gives (fleet's structs list them alphabetically), empty fields left out by
/// the caller, and Go's escaping: <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 as
/// <c>\u00XX</c>-style escapes, control characters other than \n \r \t as <c>\u00XX</c>,
/// everything else raw UTF-8.
/// </summary>
internal sealed class GoJsonWriter
{
    private readonly StringBuilder text = new();
    private bool needComma;

    public GoJsonWriter BeginObject() => Open('{');
    public GoJsonWriter EndObject() => Close('}');
    public GoJsonWriter BeginArray() => Open('[');
    public GoJsonWriter EndArray() => Close(']');

    /// <summary>Writes a property name; the value follows.</summary>
    public GoJsonWriter Name(string name)
    {
        Separate();
        WriteString(name);
        text.Append(':');
        needComma = false;
        return this;
    }

    public GoJsonWriter String(string value)
    {
        Separate();
        WriteString(value);
        needComma = true;
        return this;
    }

    public GoJsonWriter Number(int value)
    {
        Separate();
        text.Append(value.ToString(CultureInfo.InvariantCulture));
        needComma = true;
        return this;
    }

    /// <summary>Go's <c>null</c>: a nil map, slice or pointer.</summary>
    public GoJsonWriter Null()
    {
        Separate();
        text.Append("null");
        needComma = true;
        return this;
    }

    /// <summary>A string property left out when empty, as Go's <c>omitempty</c> does.</summary>
    public GoJsonWriter OmitEmpty(string name, string? value) => string.IsNullOrEmpty(value) ? this : Name(name).String(value);

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(text.ToString());

    public override string ToString() => text.ToString();

    private GoJsonWriter Open(char c)
    {
        Separate();
        text.Append(c);
        needComma = false;
        return this;
    }

    private GoJsonWriter Close(char c)
    {
        text.Append(c);
        needComma = true;
        return this;
    }

    private void Separate()
    {
        if (needComma) text.Append(',');
    }

    private void WriteString(string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // A lone surrogate has no UTF-8 form; Go writes the replacement character.
                        text.Append("\\ufffd");
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }
}
