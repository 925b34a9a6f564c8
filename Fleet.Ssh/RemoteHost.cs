using System.Net.Sockets;
using Fleet.Core;
using Fleet.Ssh.Remote;
using Fleet.Ssh.Tunnel;
using LanguageExt;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Fleet.Ssh;

/// <summary>
/// An SSH session with one host of the cluster, for running commands there as fleetctl's
/// <c>status</c>, <c>journal</c> and <c>ssh</c> do. The host is reached directly, or, when the
/// options name a tunnel host (<see cref="SshTunnelOptions.Tunnel"/> or
/// <see cref="SshTunnelOptions.Client"/>), through it: an SSH session with the tunnel host, a
/// direct-tcpip channel from there to the host, and a second SSH session over that channel, as
/// fleetctl's tunnelled client does. Both sessions check host keys against the same known_hosts
/// file, ask the same <see cref="SshTunnelOptions.ConfirmUnknownHostKey"/> about unknown keys, and
/// authenticate as the same user with the same keys.
/// </summary>
public sealed class RemoteHost : IDisposable
{
    private const int BufferSize = 16 * 1024;

    // fleetctl's terminal modes: echo on, 14.4 kbaud each way.
    private static readonly Dictionary<TerminalModes, uint> TerminalModeValues = new()
    {
        [TerminalModes.ECHO] = 1,
        [TerminalModes.TTY_OP_ISPEED] = 14400,
        [TerminalModes.TTY_OP_OSPEED] = 14400,
    };

    private readonly SshSession session;
    private readonly DirectTcpipConnector? hop;

    private RemoteHost(SshSession session, DirectTcpipConnector? hop, string host)
    {
        this.session = session;
        this.hop = hop;
        Host = host;
    }

    /// <summary>The host: <c>host:port</c>, with brackets around an IPv6 address.</summary>
    public string Host { get; }

    /// <summary>Opens the SSH session with <paramref name="host"/>, through the tunnel host when the options name one.</summary>
    /// <param name="host">The host: <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>; port 22 when none is given.</param>
    /// <param name="options">
    /// How to connect: the user, keys, known_hosts file, strict checking, the unknown-key question
    /// and the timeout, which applies to each session on its own. <see cref="SshTunnelOptions.Tunnel"/>
    /// (or <see cref="SshTunnelOptions.Client"/>, a connected session with the tunnel host that stays
    /// the caller's) is the tunnel host; none connects directly. <see cref="SshTunnelOptions.RemoteCommand"/> is not used.
    /// </param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The connected host, or why it could not be reached: a Validation error for an address that does not parse, else an Ssh or Timeout error naming the host (or the tunnel host) and the stage.</returns>
    public static async Task<Either<APIError, RemoteHost>> ConnectAsync(string host, SshTunnelOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (TunnelAddress.Parse(host, "the host").Failed(out var target, out var invalid)) return invalid;

        DirectTcpipConnector? hop = null;
        SshSession? session = null;
        try
        {
            if (string.IsNullOrWhiteSpace(options.Tunnel) && options.Client is null)
            {
                session = SshSession.ToHost(target, options);
            }
            else
            {
                if (SshSession.Create(options).Failed(out var tunnel, out var tunnelInvalid)) return tunnelInvalid;
                hop = new DirectTcpipConnector(tunnel, target.Host, target.Port);
                // The tunnel host first, so that its failures (and its unknown key) are its own.
                var ready = await hop.PrepareAsync(cancellationToken).ConfigureAwait(false);
                if (ready.Failed(out _, out var tunnelError))
                {
                    hop.Dispose();
                    return tunnelError;
                }
                session = SshSession.ToHost(target, options, hop);
            }
            var connected = await session.ClientAsync(cancellationToken).ConfigureAwait(false);
            if (connected.Failed(out _, out var hostError))
            {
                session.Dispose();
                hop?.Dispose();
                return hostError;
            }
            return new RemoteHost(session, hop, target.ToString());
        }
        catch
        {
            session?.Dispose();
            hop?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> (a shell command line, as ssh takes it) on the host, copying
    /// its standard output and error to <paramref name="output"/> and <paramref name="error"/> as
    /// they arrive, flushing after each piece, and <paramref name="input"/> to its standard input
    /// until the input ends (then the command's input ends too, once some input was sent: SSH.NET
    /// sends the end of a command's input only after input, so a command that reads an input that
    /// was empty from the start waits for more). No pseudo-terminal is asked for. A session that
    /// ended since the last command is opened again.
    /// </summary>
    /// <param name="command">The command line, run by the user's shell on the host.</param>
    /// <param name="input">Copied to the command's standard input while it runs; null leaves it open and empty.</param>
    /// <param name="output">Receives its standard output.</param>
    /// <param name="error">Receives its standard error.</param>
    /// <param name="cancellationToken">
    /// Stops the command: the host is asked to send it TERM (servers that refuse signals ignore
    /// that), the channel is closed, and <see cref="OperationCanceledException"/> is thrown.
    /// </param>
    /// <returns>How the command ended, or an Ssh error when no channel opened or the session broke, or a Transport error when its output could not be written.</returns>
    public async Task<Either<APIError, RemoteExit>> RunAsync(string command, Stream? input, Stream output, Stream error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var started = await WithLiveSessionAsync(client => StartAsync(client, command, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (started.Failed(out var execution, out var startError)) return startError;
        var (exec, running) = execution;
        using (exec)
        {
            var stdout = CopyAsync(exec.OutputStream, output, flush: true);
            var stderr = CopyAsync(exec.ExtendedOutputStream, error, flush: true);
            // Input that arrives after the command ended is dropped: sent on a channel the server
            // has closed it would make the server end the whole session.
            if (input is not null && SshCommands.InputOf(exec) is { } commandInput) Feed(input, commandInput, () => !running.IsCompleted);
            // A reader that went away (a closed pipe) ends the command, as it would end ssh.
            var outputs = Task.WhenAll(stdout, stderr);
            _ = outputs.ContinueWith(_ => exec.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Observe(outputs);
                throw;
            }
            catch (Exception e) when (e is SshException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                if (outputs.IsFaulted) return WriteFailure(outputs);
                Observe(outputs);
                return SshErrors.At(Host, SshStage.RemoteCommand, $"the session ended while {Core.Text.GoQuoting.Quote(command)} ran: {e.Message}");
            }
            try
            {
                // The output has all arrived when the channel closes; writing out what is left may still take a moment.
                await outputs.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                return WriteFailure(outputs);
            }
            return new RemoteExit(exec.ExitStatus, exec.ExitSignal);
        }
    }

    /// <summary>
    /// Opens an interactive shell on the host (an SSH shell request, as <c>ssh HOST</c> makes),
    /// copying <paramref name="input"/> to it, and what it writes to <paramref name="output"/> and
    /// <paramref name="error"/> as it arrives, until the shell ends. With <paramref name="terminal"/>
    /// a pseudo-terminal of that size is asked for (everything the shell writes then comes as
    /// output), and the caller should put its own terminal in raw mode meanwhile. The end of
    /// <paramref name="input"/> is not passed on, as SSH.NET offers no way to send it on a shell
    /// channel: the shell ends when its commands end it (<c>exit</c>), or on cancellation.
    /// </summary>
    /// <param name="input">What is typed, or the commands for the shell; it is read, never closed.</param>
    /// <param name="output">Receives what the shell writes to its standard output.</param>
    /// <param name="error">Receives what the shell writes to its standard error.</param>
    /// <param name="terminal">The pseudo-terminal to ask for, or null for none.</param>
    /// <param name="cancellationToken">Closes the shell and throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>Unit when the shell ended, or an Ssh error when the host refused it or the session broke.</returns>
    public async Task<Either<APIError, Unit>> ShellAsync(Stream input, Stream output, Stream error, RemoteTerminal? terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var typed = new HeldOpenInput(input);
        using var shown = new FlushingOutput(output);
        using var reported = new FlushingOutput(error);
        var started = await WithLiveSessionAsync(async client =>
        {
            var ended = new TaskCompletionSource<APIError?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var shell = terminal is null
                ? client.CreateShellNoTerminal(typed, shown, reported, BufferSize)
                : client.CreateShell(typed, shown, reported, terminal.Name, (uint)terminal.Columns, (uint)terminal.Rows, 0, 0, TerminalModeValues, BufferSize);
            shell.Stopped += (_, _) => ended.TrySetResult(null);
            shell.ErrorOccurred += (_, e) => ended.TrySetResult(SshErrors.At(Host, SshStage.Session, $"the shell's session broke: {e.Exception.Message}"));
            try
            {
                // The channel and its requests are opened synchronously; keep them off the caller's thread.
                await Task.Run(shell.Start, cancellationToken).ConfigureAwait(false);
                return (Either<APIError, (Shell Shell, Task<APIError?> Ended)>)(shell, ended.Task);
            }
            catch (Exception e) when (e is SshException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                shell.Dispose();
                LostConnection(client, e);
                return SshErrors.At(Host, SshStage.ChannelOpen, $"the host did not open a shell: {e.Message}");
            }
        }, cancellationToken).ConfigureAwait(false);
        if (started.Failed(out var opened, out var startError)) return startError;
        var (shell, ended) = opened;
        using var _ = shell;
        try
        {
            var failure = await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
            return failure is null ? Unit.Default : failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Stop(shell);
            throw;
        }
    }

    private static void Stop(Shell shell)
    {
        try
        {
            if (shell.IsStarted) shell.Stop();
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // Ended meanwhile.
        }
    }

    // Starts something on the session; when that fails because the session has ended (SSH.NET can
    // upset the server at the very end of a command, or the server dropped it between commands),
    // opens the session again and tries once more. SSH.NET can go on reporting a client connected
    // for a moment after its server end is gone, so a start that failed on a lost connection drops
    // the session itself (LostConnection); a start refused on a live session is not retried, as
    // dropping it would end every other command running on it.
    private async Task<Either<APIError, T>> WithLiveSessionAsync<T>(Func<SshClient, Task<Either<APIError, T>>> start, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connected = await session.ClientAsync(cancellationToken).ConfigureAwait(false);
            if (connected.Failed(out var client, out var error)) return error;
            var started = await start(client).ConfigureAwait(false);
            if (started.IsRight || attempt > 1 || session.IsBorrowed) return started;
            if (IsAlive(client) && session.Holds(client)) return started;
            session.Drop(client);
        }
    }

    // The session drops a client whose connection failed, disposing it, at any moment.
    private static bool IsAlive(SshClient client)
    {
        try
        {
            return client.IsConnected;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    // A start that failed because the connection under the session is gone: the session is
    // dropped at once, so that the retry opens a new one.
    private void LostConnection(SshClient client, Exception failure)
    {
        if (failure is SshConnectionException or SocketException or ObjectDisposedException) session.Drop(client);
    }

    private async Task<Either<APIError, (SshCommand Exec, Task Running)>> StartAsync(SshClient client, string command, CancellationToken cancellationToken)
    {
        SshCommand exec;
        try
        {
            exec = client.CreateCommand(command);
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or InvalidOperationException)
        {
            LostConnection(client, e);
            return SshErrors.At(Host, SshStage.ChannelOpen, e.Message);
        }
        try
        {
            return (exec, await SshCommands.StartAsync(exec, cancellationToken, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            exec.Dispose();
            LostConnection(client, e);
            return SshErrors.At(Host, SshStage.ChannelOpen, $"the host did not run {Core.Text.GoQuoting.Quote(command)}: {e.Message}");
        }
    }

    // Copies until the source ends. SSH.NET's streams ignore cancellation; disposing them ends a read.
    private static async Task CopyAsync(Stream from, Stream to, bool flush)
    {
        var buffer = new byte[BufferSize];
        while (true)
        {
            var read = await from.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false);
            if (read == 0) return;
            await to.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None).ConfigureAwait(false);
            if (flush) await to.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    // The input may never end (a terminal): nobody waits for this copy, which stops at the input's
    // end (closing the command's input stream then sends the end of its input), when the command
    // has ended, or with the process.
    private static void Feed(Stream input, Stream remote, Func<bool> open)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                var buffer = new byte[BufferSize];
                while (true)
                {
                    var read = await input.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                    if (read == 0 || !open()) break;
                    await remote.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None).ConfigureAwait(false);
                    await remote.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SshException or ObjectDisposedException or SocketException or InvalidOperationException or NotSupportedException)
            {
                // The command or shell ended first, or the input broke: nothing is waiting to hear.
            }
            finally
            {
                if (open()) Close(remote);
            }
        });
    }

    private static void Close(Stream remote)
    {
        try
        {
            remote.Dispose();
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or SocketException or IOException)
        {
            // Already closed with the channel.
        }
    }

    private APIError WriteFailure(Task outputs)
    {
        var cause = outputs.Exception?.InnerException;
        return new APIError(ErrorKind.Transport, $"ssh {Host}: the remote output could not be written: {cause?.Message ?? "the copy stopped"}");
    }

    private static void Observe(Task task) =>
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>Closes the session with the host, and with the tunnel host when there is one.</summary>
    public void Dispose()
    {
        session.Dispose();
        hop?.Dispose();
    }
}
