using System.Globalization;
using System.Text;

namespace Fleet.Simulator.Api;

/// <summary>
/// Reads the first JSON value of a request body as Go 1.19's <c>json.Decoder.Decode</c> does, so
/// that errors carry Go's words: <c>EOF</c> for an empty body, <c>unexpected EOF</c> for a cut
/// one, <c>invalid character 'x' looking for beginning of value</c> and friends for bad syntax.
/// Anything after the first value is ignored, as Go's decoder ignores it.
/// </summary>
internal ref struct GoJsonReader
{
    // Go's scanner refuses the 10001st nested array or object (maxNestingDepth).
    private const int MaxNestingDepth = 10000;

    private readonly ReadOnlySpan<byte> input;
    private int position;

    private GoJsonReader(ReadOnlySpan<byte> input)
    {
        this.input = input;
        position = 0;
    }

    public static GoJsonValue? Read(ReadOnlySpan<byte> input, out string? error)
    {
        var reader = new GoJsonReader(input);
        reader.SkipSpace();
        if (reader.position == input.Length)
        {
            error = "EOF";
            return null;
        }
        try
        {
            error = null;
            return reader.Value();
        }
        catch (GoSyntaxException e)
        {
            error = e.Message;
            return null;
        }
    }

    // Iterative, with the open arrays and objects on a heap stack: 10000 levels of recursion
    // overflow a 1 MB thread stack, and a stack overflow would take the whole process down.
    private GoJsonValue Value()
    {
        var open = new Stack<Container>();
        while (true)
        {
            SkipSpace();
            var c = Next();
            GoJsonValue value;
            switch (c)
            {
                case (byte)'{':
                    Enter(open, c);
                    SkipSpace();
                    c = Next();
                    if (c == '}')
                    {
                        value = new GoJsonObject([]);
                        break;
                    }
                    open.Push(new Container(Key(c)));
                    continue;
                case (byte)'[':
                    Enter(open, c);
                    SkipSpace();
                    if (Peek() == ']')
                    {
                        position++;
                        value = new GoJsonArray([]);
                        break;
                    }
                    open.Push(new Container(key: null));
                    continue;
                case (byte)'"': value = new GoJsonString(StringBody()); break;
                case (byte)'t': Literal("true"); value = new GoJsonBool(true); break;
                case (byte)'f': Literal("false"); value = new GoJsonBool(false); break;
                case (byte)'n': Literal("null"); value = GoJsonNull.Instance; break;
                case (byte)'-' or (>= (byte)'0' and <= (byte)'9'): value = Number(c); break;
                default: throw Invalid(c, "looking for beginning of value");
            }
            // A value is complete: add it to its container, and close every container that
            // ends right after it, until one goes on with another value (or none is open).
            while (true)
            {
                if (open.Count == 0) return value;
                var container = open.Peek();
                container.Add(value);
                SkipSpace();
                c = Next();
                if (c == ',')
                {
                    if (container.IsObject)
                    {
                        SkipSpace();
                        container.Key = Key(Next());
                    }
                    break;
                }
                if (container.IsObject && c != '}') throw Invalid(c, "after object key:value pair");
                if (!container.IsObject && c != ']') throw Invalid(c, "after array element");
                value = open.Pop().Close();
            }
        }
    }

    private static void Enter(Stack<Container> open, byte bracket)
    {
        if (open.Count + 1 > MaxNestingDepth) throw Invalid(bracket, "exceeded max depth");
    }

    // An object key from its opening quote, <paramref name="c"/>, through the colon after it.
    private string Key(byte c)
    {
        if (c != '"') throw Invalid(c, "looking for beginning of object key string");
        var key = StringBody();
        SkipSpace();
        c = Next();
        if (c != ':') throw Invalid(c, "after object key");
        return key;
    }

    private string StringBody()
    {
        var bytes = new List<byte>();
        while (true)
        {
            var c = Next();
            if (c == '"') break;
            if (c < 0x20) throw Invalid(c, "in string literal");
            if (c != '\\')
            {
                bytes.Add(c);
                continue;
            }
            var e = Next();
            switch (e)
            {
                case (byte)'"' or (byte)'\\' or (byte)'/': bytes.Add(e); break;
                case (byte)'b': bytes.Add(8); break;
                case (byte)'f': bytes.Add(12); break;
                case (byte)'n': bytes.Add(10); break;
                case (byte)'r': bytes.Add(13); break;
                case (byte)'t': bytes.Add(9); break;
                case (byte)'u':
                    var code = Hex4();
                    if (char.IsHighSurrogate((char)code) && Peek() == '\\' && PeekAt(1) == 'u')
                    {
                        var save = position;
                        position += 2;
                        var low = Hex4();
                        if (char.IsLowSurrogate((char)low))
                        {
                            Append(bytes, char.ConvertToUtf32((char)code, (char)low));
                            break;
                        }
                        position = save;
                    }
                    Append(bytes, char.IsSurrogate((char)code) ? 0xFFFD : code);
                    break;
                default: throw Invalid(e, "in string escape code");
            }
        }
        return GoUtf8(bytes.ToArray());
    }

    // Go keeps valid UTF-8 and writes U+FFFD for each byte where no valid sequence starts
    // (utf8.DecodeRune's RuneError of size 1), so a cut "\xe2\x82" is two of them. .NET's own
    // decoder replaces the longest invalid prefix with one, which would lose a character.
    private static string GoUtf8(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var length) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                bytes = bytes[length..];
            }
            else
            {
                text.Append('\uFFFD');
                bytes = bytes[1..];
            }
        }
        return text.ToString();
    }

    private int Hex4()
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var h = Next();
            if (!char.IsAsciiHexDigit((char)h)) throw Invalid(h, "in \\u hexadecimal character escape");
            value = value * 16 + int.Parse(((char)h).ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        return value;
    }

    private static void Append(List<byte> bytes, int codePoint)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var written = new Rune(codePoint).EncodeToUtf8(utf8);
        foreach (var b in utf8[..written]) bytes.Add(b);
    }

    private GoJsonNumber Number(byte first)
    {
        var start = position - 1;
        if (first == '-')
        {
            var d = Next();
            if (!IsDigit(d)) throw Invalid(d, "in numeric literal");
            first = d;
        }
        if (first != '0') Digits();
        if (Peek() == '.')
        {
            position++;
            var d = Next();
            if (!IsDigit(d)) throw Invalid(d, "after decimal point in numeric literal");
            Digits();
        }
        if (Peek() is 'e' or 'E')
        {
            position++;
            var d = Next();
            if (d is (byte)'+' or (byte)'-') d = Next();
            if (!IsDigit(d)) throw Invalid(d, "in exponent of numeric literal");
            Digits();
        }
        return new GoJsonNumber(Encoding.ASCII.GetString(input[start..position]));
    }

    private void Digits()
    {
        while (IsDigit(Peek())) position++;
    }

    private void Literal(string word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            var c = Next();
            if (c != word[i]) throw Invalid(c, $"in literal {word} (expecting {Quote((byte)word[i])})");
        }
    }

    private void SkipSpace()
    {
        while (position < input.Length && input[position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') position++;
    }

    private readonly int Peek() => position < input.Length ? input[position] : -1;

    private readonly int PeekAt(int offset) => position + offset < input.Length ? input[position + offset] : -1;

    private byte Next()
    {
        if (position == input.Length) throw new GoSyntaxException("unexpected EOF");
        return input[position++];
    }

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    private static GoSyntaxException Invalid(byte c, string context) => new($"invalid character {Quote(c)} {context}");

    // Go's quoteChar: the byte as a rune, in single quotes, escaped as strconv.Quote would.
    private static string Quote(byte c) => c switch
    {
        (byte)'\'' => "'\\''",
        (byte)'"' => "'\"'",
        _ => "'" + Core.Text.GoQuoting.Quote(((char)c).ToString())[1..^1] + "'",
    };

    private sealed class GoSyntaxException(string message) : Exception(message);

    // An array, or an object with the key of the value being read, still open.
    private sealed class Container(string? key)
    {
        private readonly List<KeyValuePair<string, GoJsonValue>> members = [];
        private readonly List<GoJsonValue> items = [];

        public bool IsObject { get; } = key is not null;

        public string? Key { get; set; } = key;

        public void Add(GoJsonValue value)
        {
            if (IsObject) members.Add(new(Key!, value));
            else items.Add(value);
        }

        public GoJsonValue Close() => IsObject ? new GoJsonObject(members) : new GoJsonArray(items);
    }
}
