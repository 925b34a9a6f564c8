using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Fleet.Core;
using Fleet.Transport.Connections;
using LanguageExt;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Fleet.Ssh.Tunnel;

/// <summary>
/// Reaches a TCP endpoint through direct-tcpip channels of the shared SSH session. SSH.NET opens
/// those channels only for connections to a local listener (its local port forward), and any
/// local process could connect to that listener and reach fleet's root-equivalent API through
/// our session. So the listener opens a channel only for a connection from 127.0.0.1 whose
/// source port this connector names after its own connect succeeded: an established connection
/// from that address and port to the listener can only be ours. Any other connection is closed
/// before a channel exists.
/// </summary>
internal sealed class DirectTcpipConnector : IFleetConnector, IDisposable
{
    private readonly SshSession session;
    private readonly string fleetHost;
    private readonly int fleetPort;
    private readonly Lock gate = new();
    private Forward? forward;

    public DirectTcpipConnector(SshSession session, string fleetHost, int fleetPort)
    {
        this.session = session;
        this.fleetHost = fleetHost;
        this.fleetPort = fleetPort;
    }

    public string Description => $"tcp {fleetHost}:{fleetPort} through ssh {session.Host}";

    /// <summary>The local port of the current listener, or 0 (for the tests that knock on it from outside).</summary>
    internal int ListenerPort
    {
        get
        {
            lock (gate) return forward is { } f ? (int)f.Port.BoundPort : 0;
        }
    }

    public Task<Either<APIError, Unit>> PrepareAsync(CancellationToken cancellationToken) => session.PrepareAsync(cancellationToken);

    public async Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken)
    {
        // A second attempt when the first met a listener or session that had just died.
        for (var attempt = 1; ; attempt++)
        {
            var client = await session.ClientAsync(cancellationToken).ConfigureAwait(false);
            if (client.Failed(out var ssh, out var error)) return error;

            if (Listen(ssh).Failed(out var current, out var listenError))
            {
                if (attempt == 1 && !session.IsBorrowed) continue;
                return listenError;
            }

            // One connection at a time, each until the listener has taken it: SSH.NET's listener
            // handles a connection that is already waiting inside the handling of the previous
            // one, and that handling lasts as long as the channel, so a second connection made
            // at once would wait for the first channel to close.
            await current.Admission.WaitAsync(cancellationToken).ConfigureAwait(false);
            Socket? socket = null;
            try
            {
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, (int)current.Port.BoundPort), cancellationToken).ConfigureAwait(false);
                var source = ((IPEndPoint)socket.LocalEndPoint!).Port;
                var admitted = current.Expect(source);
                await admitted.WaitAsync(cancellationToken).ConfigureAwait(false);
                var stream = new ForwardedChannelStream(socket, current, source, session.Host, $"{fleetHost}:{fleetPort}");
                socket = null;
                return stream;
            }
            catch (SocketException e)
            {
                // The listener went with its session, or was stopped: start it again, once.
                Forget(current);
                if (!ssh.IsConnected) session.Drop(ssh);
                if (attempt == 1 && !session.IsBorrowed) continue;
                return SshErrors.At(session.Host, SshStage.ChannelOpen, $"the local end of the tunnel to {fleetHost}:{fleetPort} refused: {e.Message}");
            }
            finally
            {
                socket?.Dispose();
                current.Admission.Release();
            }
        }
    }

    private Either<APIError, Forward> Listen(SshClient client)
    {
        lock (gate)
        {
            if (forward is { } existing && ReferenceEquals(existing.Client, client) && existing.Port.IsStarted) return existing;
            // Stopping a forward waits for its channels to close: not on a request's time.
            if (forward is { } stale) _ = Task.Run(stale.Dispose);
            forward = null;
            try
            {
                var started = Forward.Start(client, fleetHost, (uint)fleetPort);
                forward = started;
                return started;
            }
            catch (Exception e) when (e is SshException or SocketException or InvalidOperationException or ObjectDisposedException)
            {
                session.Drop(client);
                return SshErrors.At(session.Host, SshStage.ChannelOpen, $"cannot start the local end of the tunnel: {e.Message}");
            }
        }
    }

    private void Forget(Forward stale)
    {
        lock (gate)
        {
            if (!ReferenceEquals(forward, stale)) return;
            forward = null;
        }
        _ = Task.Run(stale.Dispose);
    }

    public void Dispose()
    {
        lock (gate)
        {
            forward?.Dispose();
            forward = null;
        }
        session.Dispose();
    }

    /// <summary>One local listener of one SSH session, and the connections it may open channels for.</summary>
    internal sealed class Forward : IDisposable
    {
        // How long the listener waits for our connect to name its source port: the accept can
        // come before the connecting side's continuation runs.
        private static readonly TimeSpan NamingWait = TimeSpan.FromSeconds(2);

        // The forward raises RequestReceived and then, on a failed channel open, Exception, on
        // the same thread; this carries the source port from one to the other.
        [ThreadStatic]
        private static int acceptingFrom;

        private readonly ConcurrentDictionary<int, Pending> pending = new();

        private Forward(SshClient client, ForwardedPortLocal port)
        {
            Client = client;
            Port = port;
        }

        public SshClient Client { get; }

        public ForwardedPortLocal Port { get; }

        /// <summary>Lets one connection at a time reach the listener.</summary>
        public SemaphoreSlim Admission { get; } = new(1, 1);

        /// <summary>Why the channel for a source port could not be opened, when SSH.NET said.</summary>
        public ConcurrentDictionary<int, string> Failures { get; } = new();

        public static Forward Start(SshClient client, string host, uint port)
        {
            var local = new ForwardedPortLocal("127.0.0.1", 0, host, port);
            var forward = new Forward(client, local);
            local.RequestReceived += forward.Admit;
            local.Exception += forward.Failed;
            try
            {
                client.AddForwardedPort(local);
                local.Start();
                return forward;
            }
            catch
            {
                forward.Dispose();
                throw;
            }
        }

        /// <summary>Names the source port of a connection of ours that has connected; completes when the listener takes it.</summary>
        public Task Expect(int source)
        {
            var entry = pending.GetOrAdd(source, _ => new Pending());
            entry.Named.Set();
            return entry.Admitted.Task;
        }

        public void Forget(int source) => Failures.TryRemove(source, out _);

        private void Admit(object? sender, PortForwardEventArgs e)
        {
            acceptingFrom = 0;
            var source = (int)e.OriginatorPort;
            // Throwing here makes SSH.NET close the connection before it opens a channel.
            if (!IPAddress.TryParse(e.OriginatorHost, out var from) || !from.Equals(IPAddress.Loopback))
            {
                throw new SshException($"refused a connection from {e.OriginatorHost}:{e.OriginatorPort}, which this client did not make");
            }
            var entry = pending.GetOrAdd(source, _ => new Pending());
            var named = entry.Named.Wait(NamingWait);
            pending.TryRemove(KeyValuePair.Create(source, entry));
            if (!named) throw new SshException($"refused a connection from {e.OriginatorHost}:{e.OriginatorPort}, which this client did not make");
            acceptingFrom = source;
            entry.Admitted.TrySetResult();
        }

        private void Failed(object? sender, ExceptionEventArgs e)
        {
            if (acceptingFrom != 0) Failures[acceptingFrom] = e.Exception.Message;
            acceptingFrom = 0;
        }

        public void Dispose()
        {
            try
            {
                if (Port.IsStarted) Port.Stop();
                if (Client.IsConnected) Client.RemoveForwardedPort(Port);
            }
            catch (Exception e) when (e is SshException or SocketException or InvalidOperationException or ObjectDisposedException)
            {
                // The session is gone, and the listener with it.
            }
            Port.Dispose();
        }

        private sealed class Pending
        {
            public ManualResetEventSlim Named { get; } = new();

            public TaskCompletionSource Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
