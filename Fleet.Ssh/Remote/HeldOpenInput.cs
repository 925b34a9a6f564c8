namespace Fleet.Ssh.Remote;

/// <summary>
/// The input of a shell, as SSH.NET's shell reads it. SSH.NET reads its input in a loop for as
/// long as the channel is open, and would spin on an input that has ended (and disposes the
/// input when the channel closes): so the end of the input is held back until this wrapper is
/// disposed, and disposing it leaves the input itself open.
/// </summary>
internal sealed class HeldOpenInput(Stream input) : Stream
{
    private readonly TaskCompletionSource<int> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!ended && !closed.Task.IsCompleted)
        {
            var read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0) return read;
            ended = true;
        }
        return await closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the shell's input is read asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        closed.TrySetResult(0);
        base.Dispose(disposing);
    }
}
