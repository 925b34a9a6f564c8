namespace Fleet.Transport.Http;

/// <summary>The elements of a comma-separated header value, trimmed of spaces and tabs, empty elements skipped.</summary>
internal ref struct TokenList(ReadOnlySpan<byte> value)
{
    private ReadOnlySpan<byte> rest = value;

    public ReadOnlySpan<byte> Current { get; private set; }

    public readonly TokenList GetEnumerator() => this;

    public bool MoveNext()
    {
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf((byte)',');
            var element = (comma < 0 ? rest : rest[..comma]).Trim(" \t"u8);
            rest = comma < 0 ? default : rest[(comma + 1)..];
            if (element.IsEmpty) continue;
            Current = element;
            return true;
        }
        return false;
    }
}
