using System.Text;

namespace Fleet.Cli.Remote;

/// <summary>
/// A remote command's output written where this run writes its own: as bytes to the stream under
/// the writer when there is one (what passes through is not necessarily text), else decoded as
/// UTF-8 into the writer. Whatever the writer holds is flushed first, so the order is kept.
/// </summary>
internal static class OutputStreams
{
    /// <summary>A stream that writes to <paramref name="writer"/>'s destination and flushes each write.</summary>
    /// <param name="writer">Standard output or standard error of the run.</param>
    /// <returns>The stream; disposing it leaves the writer open.</returns>
    public static Stream For(TextWriter writer) => writer is StreamWriter { BaseStream: { CanWrite: true } } stream
        ? new Bytes(stream)
        : new Text(writer);

    private abstract class WriteOnly : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    private sealed class Bytes(StreamWriter writer) : WriteOnly
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            writer.Flush();
            writer.BaseStream.Write(buffer);
            writer.BaseStream.Flush();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await writer.BaseStream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await writer.BaseStream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public override void Flush() => writer.BaseStream.Flush();
    }

    private sealed class Text(TextWriter writer) : WriteOnly
    {
        private readonly Decoder decoder = new UTF8Encoding(false, false).GetDecoder();
        private readonly Lock gate = new();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (gate)
            {
                // The decoder keeps a character split between two writes until its second half comes.
                var chars = new char[decoder.GetCharCount(buffer, flush: false)];
                var count = decoder.GetChars(buffer, chars, flush: false);
                writer.Write(chars, 0, count);
                writer.Flush();
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
            lock (gate) writer.Flush();
        }
    }
}
