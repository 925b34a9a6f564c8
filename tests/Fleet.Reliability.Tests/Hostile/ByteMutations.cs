using System.Text;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>A change to the rendered bytes, made after the structural ones.</summary>
internal abstract record ByteMutation
{
    public abstract byte[] Apply(byte[] bytes);

    protected static int At(int position, byte[] bytes) => position % (bytes.Length + 1);
}

/// <summary>The answer cut short at a position (0 sends nothing at all).</summary>
internal sealed record Cut(int Position) : ByteMutation
{
    public override byte[] Apply(byte[] bytes) => bytes[..At(Position, bytes)];
}

/// <summary>A run of the answer's bytes repeated at a position.</summary>
internal sealed record Duplicated(int Start, int Length, int Position) : ByteMutation
{
    public override byte[] Apply(byte[] bytes)
    {
        var start = At(Start, bytes);
        var run = bytes[start..Math.Min(bytes.Length, start + Length)];
        var at = At(Position, bytes);
        return [.. bytes[..at], .. run, .. bytes[at..]];
    }
}

/// <summary>One byte changed by an XOR mask (never zero).</summary>
internal sealed record Flipped(int Position, int Mask) : ByteMutation
{
    public override byte[] Apply(byte[] bytes)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        copy[Position % bytes.Length] ^= (byte)Mask;
        return copy;
    }
}

/// <summary>Bytes put in at a position: CR, LF, both, NUL, spaces, colons, high bytes.</summary>
internal sealed record Injected(int Position, string Text) : ByteMutation
{
    public override byte[] Apply(byte[] bytes)
    {
        var at = At(Position, bytes);
        return [.. bytes[..at], .. Encoding.Latin1.GetBytes(Text), .. bytes[at..]];
    }

    public override string ToString() => $"Injected {{ Position = {Position}, Text = {Escape(Text)} }}";

    private static string Escape(string text) => string.Concat(text.Select(c => c is >= ' ' and < (char)0x7F ? c.ToString() : $"\\x{(int)c:x2}"));
}
