namespace Fleet.Simulator.Api;

/// <summary>
/// Go's <c>base64.URLEncoding.DecodeString</c> (padded, newlines ignored), with its error text
/// <c>illegal base64 data at input byte N</c>, which fleet passes on in its 400s.
/// </summary>
internal static class GoBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static (byte[] Bytes, string? Error) DecodeUrl(string text)
    {
        var output = new List<byte>();
        Span<int> quantum = stackalloc int[4];
        var i = 0;
        while (true)
        {
            var count = 0;
            while (count < 4)
            {
                if (i == text.Length)
                {
                    if (count == 0) return (output.ToArray(), null);
                    // Padding is required: a short final quantum is corrupt where it started.
                    return (output.ToArray(), Corrupt(i - count));
                }
                var c = text[i++];
                var value = c < 128 ? Alphabet.IndexOf(c) : -1;
                if (value >= 0)
                {
                    quantum[count++] = value;
                    continue;
                }
                if (c is '\n' or '\r') continue;
                if (c != '=' || count < 2) return (output.ToArray(), Corrupt(i - 1));
                if (count == 2)
                {
                    SkipNewlines(text, ref i);
                    if (i == text.Length) return (output.ToArray(), Corrupt(text.Length));
                    if (text[i] != '=') return (output.ToArray(), Corrupt(i - 1));
                    i++;
                }
                SkipNewlines(text, ref i);
                Emit(output, quantum, count);
                return (output.ToArray(), i < text.Length ? Corrupt(i) : null);
            }
            Emit(output, quantum, 4);
        }
    }

    private static void Emit(List<byte> output, ReadOnlySpan<int> quantum, int count)
    {
        var bits = quantum[0] << 18 | quantum[1] << 12 | (count > 2 ? quantum[2] << 6 : 0) | (count > 3 ? quantum[3] : 0);
        output.Add((byte)(bits >> 16));
        if (count > 2) output.Add((byte)(bits >> 8));
        if (count > 3) output.Add((byte)bits);
    }

    private static void SkipNewlines(string text, ref int i)
    {
        while (i < text.Length && text[i] is '\n' or '\r') i++;
    }

    private static string Corrupt(long at) => $"illegal base64 data at input byte {at}";
}
