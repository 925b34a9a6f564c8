using Fleet.Transport.Connections;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Fleet.Ssh.Tunnel;

/// <summary>
/// A remote command's standard input and output as one duplex stream. SSH.NET's output stream
/// ignores cancellation, so reads go into a buffer of this stream's own and the caller stops
/// waiting when cancelled; a read still pending then can only fill that buffer, never memory the
/// caller has moved on from. It ends when the command is disposed with the stream. When the
/// output ends because the command failed, the read reports its exit status and standard error.
/// </summary>
internal sealed class ExecChannelStream : Stream
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private readonly SshCommand command;
    private readonly Task running;
    private readonly Stream input;
    private readonly Stream output;
    private readonly string sshHost;
    private readonly string commandText;
    private readonly byte[] received = new byte[16 * 1024];
    private Task<int>? pending;
    private int start;
    private int end;
    private bool disposed;

    public ExecChannelStream(SshCommand command, Task running, string sshHost, string commandText)
    {
        this.command = command;
        this.running = running;
        this.sshHost = sshHost;
        this.commandText = commandText;
        // A command that fails at once (fleetctl not installed: status 127) may have ended already:
        // what is written then goes nowhere, and the first read reports its status and error.
        input = SshCommands.InputOf(command) ?? Null;
        output = command.OutputStream;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (buffer.IsEmpty) return 0;
        if (start == end)
        {
            pending ??= output.ReadAsync(received, 0, received.Length, CancellationToken.None);
            int read;
            try
            {
                read = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SshException e)
            {
                throw Broken(e);
            }
            pending = null;
            if (read == 0)
            {
                await ThrowIfFailedAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            start = 0;
            end = read;
        }
        var count = Math.Min(buffer.Length, end - start);
        received.AsMemory(start, count).CopyTo(buffer);
        start += count;
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        try
        {
            await input.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (SshException e)
        {
            throw Broken(e);
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await input.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SshException e)
        {
            throw Broken(e);
        }
    }

    // The HTTP codec knows broken streams by IOException; SSH.NET's are its own.
    private static IOException Broken(SshException e) => new($"the SSH channel broke: {e.Message}", e);

    private async Task ThrowIfFailedAsync(CancellationToken cancellationToken)
    {
        // The output can end a moment before the exit status arrives.
        try
        {
            await running.WaitAsync(ExitWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return;
        }
        catch (SshException)
        {
            // The session died under the command: an end like any dropped connection's.
            return;
        }
        // No status and no signal: the channel or the session closed under the command. That is
        // a plain end of stream, which the pool may retry on a new connection.
        if (command.ExitStatus is 0 || (command.ExitStatus is null && command.ExitSignal is null)) return;
        var error = command.Error.Trim();
        var how = command.ExitStatus is { } status ? $"exited with status {status}" : $"was killed by signal {command.ExitSignal}";
        throw new TransportFailure(SshErrors.At(sshHost, SshStage.RemoteCommand,
            $"{Core.Text.GoQuoting.Quote(commandText)} {how}{(error.Length > 0 ? ": " + error : "")}"));
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the exec channel stream is read asynchronously");

    public override void Write(byte[] buffer, int offset, int count) => input.Write(buffer, offset, count);

    public override void Flush() => input.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            // Closing the channel ends the remote command and wakes a read still pending. On a
            // dead session the close messages cannot be sent, and need not be.
            try
            {
                command.Dispose();
                input.Dispose();
            }
            catch (Exception e) when (e is SshException or ObjectDisposedException or IOException or System.Net.Sockets.SocketException)
            {
                // The channel is gone with its session.
            }
        }
        base.Dispose(disposing);
    }
}
