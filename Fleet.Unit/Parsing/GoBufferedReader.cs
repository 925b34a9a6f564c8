using System.Runtime.CompilerServices;

namespace Fleet.UnitFiles.Parsing;

/// <summary>
/// The read position and buffer fill of Go's <c>bufio.Reader</c> (4096 bytes) over an in-memory
/// text, without copying. go-systemd checks the 2048-byte line limit only when at least 2048 bytes
/// are buffered, so where the buffer happens to end decides which long lines fleet rejects; this
/// reproduces its fills exactly (over <c>strings.Reader</c>, which is what fleet reads from).
/// </summary>
internal ref struct GoBufferedReader
{
    public const int BufferSize = 4096;

    private readonly ReadOnlySpan<byte> data;
    private int r;
    private int w;
    private bool eof;

    public GoBufferedReader(ReadOnlySpan<byte> data) => this.data = data;

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => r;

    /// <summary>bufio.Reader.Buffered: bytes read from the source and not yet consumed.</summary>
    public readonly int Buffered => w - r;

    /// <summary>Everything from the read position on, buffered or not.</summary>
    public readonly ReadOnlySpan<byte> Rest => data[r..];

    private void Fill()
    {
        // strings.Reader fills the whole free space; at the end it answers (0, EOF).
        if (w == data.Length) eof = true;
        else w = Math.Min(r + BufferSize, data.Length);
    }

    /// <summary>bufio.Reader.ReadRune: false at end of input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadRune(out int rune, out int size)
    {
        // Nearly every rune read starts a line and is ASCII, with more than 4 bytes buffered:
        // then ReadRune neither fills nor decodes, and this much is inlined into the parser.
        if (r + 4 <= w && data[r] < 0x80)
        {
            rune = data[r++];
            size = 1;
            return true;
        }
        return TryReadRuneFilling(out rune, out size);
    }

    private bool TryReadRuneFilling(out int rune, out int size)
    {
        while (r + 4 > w && !eof && !GoText.FullRune(data[r..w])) Fill();
        if (r == w)
        {
            rune = 0;
            size = 0;
            return false;
        }
        var b = data[r];
        if (b < 0x80)
        {
            rune = b;
            size = 1;
        }
        else
        {
            rune = GoText.DecodeRune(data[r..w], out size);
        }
        r += size;
        return true;
    }

    /// <summary>bufio.Reader.UnreadRune after a successful <see cref="TryReadRune"/>.</summary>
    public void UnreadRune(int size) => r -= size;

    /// <summary>
    /// Skips to the rune after the first <paramref name="stop1"/> or <paramref name="stop2"/> or
    /// <paramref name="stop3"/> (all ASCII), filling as a loop of ReadRune calls would.
    /// </summary>
    /// <returns>The stop byte found, or -1 at end of input (then everything is consumed).</returns>
    public int SkipRunesThrough(byte stop1, byte stop2, byte stop3)
    {
        // ASCII never occurs inside a multi-byte sequence, so a byte search finds the same stop
        // as decoding rune by rune. ReadRune only fills when fewer than 4 bytes are buffered.
        var found = data[r..].IndexOfAny(stop1, stop2, stop3);
        if (found >= 0 && r + found + 4 <= w)
        {
            r += found + 1;
            return data[r - 1];
        }
        while (TryReadRune(out var rune, out _))
        {
            if (rune == stop1 || rune == stop2 || rune == stop3) return rune;
        }
        return -1;
    }

    /// <summary>
    /// bufio.Reader.ReadBytes: consumes through <paramref name="delimiter"/> and returns the
    /// consumed range; <paramref name="atEnd"/> tells the input ended before a delimiter.
    /// </summary>
    public (int Start, int End) ReadThrough(byte delimiter, out bool atEnd)
    {
        var start = r;
        var searched = r;
        while (true)
        {
            var index = data[searched..w].IndexOf(delimiter);
            if (index >= 0)
            {
                r = searched + index + 1;
                atEnd = false;
                return (start, r);
            }
            if (eof)
            {
                r = w;
                atEnd = true;
                return (start, w);
            }
            if (w - r >= BufferSize)
            {
                // ErrBufferFull: ReadBytes keeps the fragment and reads on from an empty buffer.
                r = w;
            }
            searched = w;
            Fill();
        }
    }
}
