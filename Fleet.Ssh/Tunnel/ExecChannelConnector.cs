using System.Net.Sockets;
using Fleet.Core;
using Fleet.Transport.Connections;
using LanguageExt;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Fleet.Ssh.Tunnel;

/// <summary>
/// Reaches a unix-socket endpoint on the tunnel host, as fleetctl does: each connection is an
/// exec channel of the shared SSH session running a command (<c>fleetctl fd-forward PATH</c> by
/// default) whose standard input and output are the socket.
/// </summary>
internal sealed class ExecChannelConnector(SshSession session, string socketPath, string commandTemplate) : IFleetConnector, IDisposable
{
    /// <summary>What stands for the socket path in a remote command.</summary>
    public const string PathPlaceholder = "{0}";

    // A plain replacement, not string.Format: a command may hold braces of its own (awk '{print}').
    private readonly string command = commandTemplate.Replace(PathPlaceholder, ShellQuote(socketPath), StringComparison.Ordinal);

    public string Description => $"unix {socketPath} through ssh {session.Host} ({command})";

    public Task<Either<APIError, Unit>> PrepareAsync(CancellationToken cancellationToken) => session.PrepareAsync(cancellationToken);

    public async Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var client = await session.ClientAsync(cancellationToken).ConfigureAwait(false);
            if (client.Failed(out var ssh, out var error)) return error;

            SshCommand? exec = null;
            try
            {
                exec = ssh.CreateCommand(command);
                // The command runs as long as its stream, past this connect's token.
                var running = await SshCommands.StartAsync(exec, CancellationToken.None, cancellationToken).ConfigureAwait(false);
                return new ExecChannelStream(exec, running, session.Host, command);
            }
            catch (OperationCanceledException)
            {
                // StartAsync closes the channel if it still opens.
                throw;
            }
            catch (Exception e) when (e is SshConnectionException or ObjectDisposedException or SocketException
                || (e is InvalidOperationException && !ssh.IsConnected))
            {
                exec?.Dispose();
                session.Drop(ssh);
                if (attempt == 1 && !session.IsBorrowed) continue;
                return SshErrors.At(session.Host, SshStage.ChannelOpen, $"the SSH session ended while opening a channel: {e.Message}");
            }
            catch (SshException e)
            {
                exec?.Dispose();
                return SshErrors.At(session.Host, SshStage.ChannelOpen, $"the server did not open a channel for {Core.Text.GoQuoting.Quote(command)}: {e.Message}");
            }
            catch
            {
                exec?.Dispose();
                throw;
            }
        }
    }

    public void Dispose() => session.Dispose();

    // POSIX single quotes: nothing inside is special to the remote shell.
    internal static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
