using System.Net.Sockets;
using Fleet.Transport.Connections;

namespace Fleet.Transport.Ssh;

/// <summary>
/// A socket to the tunnel's local listener. When the SSH server refused the channel behind it,
/// the listener just closes the socket; this stream turns that close into the reason.
/// </summary>
internal sealed class ForwardedChannelStream(Socket socket, DirectTcpipConnector.Forward forward, int source, string sshHost, string target)
    : NetworkStream(socket, ownsSocket: true)
{
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
            ThrowIfRefused();
            throw;
        }
        if (read == 0) ThrowIfRefused();
        return read;
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
            ThrowIfRefused();
            throw;
        }
        if (read == 0) ThrowIfRefused();
        return read;
    }

    private void ThrowIfRefused()
    {
        if (forward.Failures.TryRemove(source, out var why))
        {
            throw new TransportFailure(SshErrors.At(sshHost, SshStage.ChannelOpen, $"the server did not open a channel to {target}: {why}"));
        }
    }

    protected override void Dispose(bool disposing)
    {
        forward.Failures.TryRemove(source, out _);
        forward.Expected.TryRemove(source, out _);
        base.Dispose(disposing);
    }
}
