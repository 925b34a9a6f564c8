namespace Fleet.Ssh.Remote;

/// <summary>
/// An output that SSH.NET's shell writes to as data arrives: each write is flushed at once, so
/// what the shell prints is seen while it runs. Disposing it leaves the output itself open.
/// </summary>
internal sealed class FlushingOutput(Stream output) : Stream
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

    public override void Write(byte[] buffer, int offset, int count)
    {
        output.Write(buffer, offset, count);
        output.Flush();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        output.Write(buffer);
        output.Flush();
    }

    public override void Flush() => output.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
