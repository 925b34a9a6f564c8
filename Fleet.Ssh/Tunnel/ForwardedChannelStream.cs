using System.Net.Sockets;
using Fleet.Transport.Connections;

namespace Fleet.Ssh.Tunnel;

/// <summary>
/// A socket to the tunnel's local listener. When the SSH server refuses the channel behind it,
/// SSH.NET just closes the socket, without an event to say so; a socket that ends before its
/// first byte is therefore reported as a channel that did not open, with SSH.NET's reason when
/// it gave one. Once an answer has come, an end is an ordinary end, which the pool may retry.
/// </summary>
internal sealed class ForwardedChannelStream(Socket socket, DirectTcpipConnector.Forward forward, int source, string sshHost, string target)
    : NetworkStream(socket, ownsSocket: true)
{
    private bool answered;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Closed with our request unread, the socket is reset rather than ended.
            ThrowIfNeverOpened();
            throw;
        }
        return Seen(read);
    }

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = base.Read(buffer);
        }
        catch (IOException)
        {
            ThrowIfNeverOpened();
            throw;
        }
        return Seen(read);
    }

    // An end before any byte means the channel never opened; any byte means it did.
    private int Seen(int read)
    {
        if (read == 0) ThrowIfNeverOpened();
        answered = true;
        return read;
    }

    private void ThrowIfNeverOpened()
    {
        if (answered) return;
        var why = forward.Failures.TryRemove(source, out var reason)
            ? $"the server did not open a channel to {target}: {reason}"
            : $"the channel to {target} closed before any answer: the SSH server refused to open it (forwarding not allowed, or nothing listening at {target}), or fleet hung up at once";
        throw new TransportFailure(SshErrors.At(sshHost, SshStage.ChannelOpen, why));
    }

    protected override void Dispose(bool disposing)
    {
        forward.Forget(source);
        base.Dispose(disposing);
    }
}
