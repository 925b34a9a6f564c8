using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Fleet.Simulator.Wire;

/// <summary>
/// Rewrites Kestrel's answers as Go's net/http writes them: the handler's headers sorted by name,
/// then Date, Content-Length, Connection and Transfer-Encoding, and an HTTP/1.0 status line for an
/// HTTP/1.0 request. The handler marks what the wire cannot tell with the private headers of
/// <see cref="GoWireFormat"/>, which are removed here. Bodies pass through untouched.
/// </summary>
internal static class GoAnswers
{
    private static readonly string[] Trailing = ["Date", "Content-Length", "Connection", "Transfer-Encoding"];

    private enum Framing { Head, Length, Chunked, UntilClose }

    /// <summary>
    /// Copies answers from <paramref name="from"/> to <paramref name="to"/>, and ends
    /// <paramref name="to"/> where Go's server would hang up.
    /// </summary>
    public static async Task PumpAsync(PipeReader from, PipeWriter to, ServerFaults faults)
    {
        var framing = Framing.Head;
        long remaining = 0;
        long sent = 0;
        var budget = faults.AbortAfterBytes;
        try
        {
            while (true)
            {
                var result = await from.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var output = new ArrayBufferWriter<byte>();
                while (!buffer.IsEmpty)
                {
                    if (framing == Framing.Head)
                    {
                        var reader = new SequenceReader<byte>(buffer);
                        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8)) break;
                        var headText = Encoding.Latin1.GetString(head);
                        var refusal = RefusalOf(headText);
                        if (refusal is not null || headText.Contains("\r\n" + GoWireFormat.HangUpMarker + ":", StringComparison.OrdinalIgnoreCase))
                        {
                            if (refusal is not null) output.Write(Encoding.Latin1.GetBytes(GoWireFormat.Refusal(refusal)));
                            if (output.WrittenCount > 0) await to.WriteAsync(output.WrittenMemory).ConfigureAwait(false);
                            await to.CompleteAsync().ConfigureAwait(false);
                            return;
                        }
                        (var rewritten, framing, remaining) = Rewrite(headText);
                        output.Write(Encoding.Latin1.GetBytes(rewritten));
                        buffer = buffer.Slice(reader.Position);
                        continue;
                    }
                    if (framing == Framing.Chunked && remaining == 0)
                    {
                        // A chunk-size line: copy it and the chunk with its CRLF through.
                        var reader = new SequenceReader<byte>(buffer);
                        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8)) break;
                        var size = long.Parse(Encoding.Latin1.GetString(line).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        output.Write(buffer.Slice(0, reader.Position).ToArray());
                        buffer = buffer.Slice(reader.Position);
                        // The last chunk is followed by an empty trailer: its CRLF ends the body.
                        remaining = size + 2;
                        if (size == 0) framing = Framing.Length;
                        continue;
                    }
                    var take = framing == Framing.UntilClose ? buffer.Length : Math.Min(remaining, buffer.Length);
                    output.Write(buffer.Slice(0, take).ToArray());
                    buffer = buffer.Slice(take);
                    remaining -= take;
                    if (framing == Framing.Length && remaining == 0) framing = Framing.Head;
                }
                from.AdvanceTo(buffer.Start, buffer.End);

                var bytes = output.WrittenMemory;
                if (budget is { } limit && sent + bytes.Length > limit)
                {
                    // A dying process's sockets close with a FIN after what was sent; Kestrel's
                    // abort would reset and could drop those bytes before the client reads them.
                    await to.WriteAsync(bytes[..(int)(limit - sent)]).ConfigureAwait(false);
                    await to.CompleteAsync().ConfigureAwait(false);
                    return;
                }
                sent += bytes.Length;
                if (bytes.Length > 0) await to.WriteAsync(bytes).ConfigureAwait(false);
                if (result.IsCompleted) return;
            }
        }
        finally
        {
            await from.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static string? RefusalOf(string head)
    {
        var marker = "\r\n" + GoWireFormat.RefusalMarker + ":";
        var start = head.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return null;
        var end = head.IndexOf("\r\n", start + marker.Length, StringComparison.Ordinal);
        return head[(start + marker.Length)..(end < 0 ? head.Length : end)].Trim();
    }

    private static (string Head, Framing Framing, long Length) Rewrite(string head)
    {
        var lines = head.Split("\r\n");
        var status = lines[0];
        var headers = lines.Skip(1).Select(line => (Name: line[..line.IndexOf(':')], Line: line)).ToList();
        string? Value(string name) => headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Line[(h.Name.Length + 1)..].Trim()).FirstOrDefault();

        var http10 = Value(GoWireFormat.VersionMarker) == "1.0";
        var noBody = Value(GoWireFormat.NoBodyMarker) is not null;
        var code = int.Parse(status.AsSpan(9, 3), CultureInfo.InvariantCulture);
        if (http10) status = "HTTP/1.0" + status[8..];

        headers.RemoveAll(h => h.Name is GoWireFormat.VersionMarker or GoWireFormat.NoBodyMarker || (http10 && h.Name == "Connection"));
        var sorted = headers.Where(h => !Trailing.Contains(h.Name)).OrderBy(h => h.Name, StringComparer.Ordinal)
            .Concat(Trailing.SelectMany(name => headers.Where(h => h.Name == name)));
        var text = new StringBuilder(status).Append("\r\n");
        foreach (var (_, line) in sorted) text.Append(line).Append("\r\n");
        text.Append("\r\n");

        if (noBody || code is < 200 or 204 or 304) return (text.ToString(), Framing.Head, 0);
        if (Value("Transfer-Encoding") is not null) return (text.ToString(), Framing.Chunked, 0);
        if (Value("Content-Length") is { } length) return (text.ToString(), long.Parse(length, CultureInfo.InvariantCulture) == 0 ? Framing.Head : Framing.Length, long.Parse(length, CultureInfo.InvariantCulture));
        return (text.ToString(), Framing.UntilClose, 0);
    }
}
