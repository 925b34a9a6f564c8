using System.Net;
using System.Net.Sockets;
using Fleet.Core;
using Fleet.Ssh.HostKeys;
using LanguageExt;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Fleet.Ssh.Tunnel;

/// <summary>
/// The one SSH session a client's channels share. It connects on first use, checks the host key
/// against known_hosts, authenticates, and connects again on the next request after the session
/// dropped. A caller's own <see cref="SshClient"/> is used as it is: never connected, replaced or
/// disposed here. A session with a host behind a tunnel host reaches it through a direct-tcpip
/// channel of the tunnel's session (<see cref="ToHost"/>), checking that host's key as its own.
/// </summary>
internal sealed class SshSession : IDisposable
{
    private readonly SshTunnelOptions options;
    private readonly TunnelAddress? address;
    private readonly DirectTcpipConnector? hop;
    private readonly SemaphoreSlim connecting = new(1, 1);
    // Guards client against Dispose: a session opened while disposing must not outlive it.
    private readonly Lock gate = new();
    private SshClient? client;
    private volatile bool disposed;

    private SshSession(SshTunnelOptions options, TunnelAddress? address, DirectTcpipConnector? hop = null)
    {
        this.options = options;
        this.address = address;
        this.hop = hop;
        client = options.Client;
        Host = address?.ToString() ?? (options.Client is { } given ? $"{given.ConnectionInfo.Host}:{given.ConnectionInfo.Port}" : "?");
    }

    /// <summary>The SSH server, for messages: <c>host:port</c>.</summary>
    public string Host { get; }

    /// <summary>Whether the caller owns the client.</summary>
    public bool IsBorrowed => options.Client is not null;

    /// <summary>Whether <paramref name="candidate"/> is still this session's client (not dropped, not replaced).</summary>
    public bool Holds(SshClient candidate) => Volatile.Read(ref client) == candidate;

    public static Either<APIError, SshSession> Create(SshTunnelOptions options)
    {
        if (options.Client is not null) return new SshSession(options, null);
        return TunnelAddress.Parse(options.Tunnel).Map(address => new SshSession(options, address));
    }

    /// <summary>A session with <paramref name="target"/>: directly, or through <paramref name="hop"/>'s channels when given (the hop stays the caller's).</summary>
    public static SshSession ToHost(TunnelAddress target, SshTunnelOptions options, DirectTcpipConnector? hop = null) =>
        new(options with { Tunnel = target.ToString(), Client = null }, target, hop);

    /// <summary>Opens the session now, if it is not open, so that its failures come before any request's.</summary>
    public async Task<Either<APIError, Unit>> PrepareAsync(CancellationToken cancellationToken) =>
        (await ClientAsync(cancellationToken).ConfigureAwait(false)).Map(_ => Unit.Default);

    /// <summary>A connected client: the current one while it is connected, else a new session.</summary>
    public async Task<Either<APIError, SshClient>> ClientAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var current = client;
        if (current is { IsConnected: true }) return current;
        if (IsBorrowed) return SshErrors.At(Host, SshStage.Session, "the SSH client given in the options is not connected; it is the caller's to connect");

        await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (client is { IsConnected: true } connected) return connected;
            if (client is { } dead) Drop(dead);
            var opened = await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (opened.Failed(out var fresh, out var error)) return error;
            lock (gate)
            {
                if (!disposed)
                {
                    client = fresh;
                    return fresh;
                }
            }
            fresh.Dispose();
            throw new ObjectDisposedException(nameof(SshSession));
        }
        finally
        {
            connecting.Release();
        }
    }

    /// <summary>Forgets a client whose session failed under a channel, so the next request connects again.</summary>
    public void Drop(SshClient failed)
    {
        if (IsBorrowed || Interlocked.CompareExchange(ref client, null, failed) != failed) return;
        // SSH.NET's disconnect waits for the channels of its local forward to close, up to its
        // timeout; no request should wait on that. Disposing wakes every channel still waiting
        // on the dead session.
        _ = Task.Run(() =>
        {
            try
            {
                failed.Dispose();
            }
            catch (Exception e) when (e is SshException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Already gone.
            }
        });
    }

    private async Task<Either<APIError, SshClient>> OpenAsync(CancellationToken cancellationToken)
    {
        var knownHostsPath = HomePath.Expand(options.KnownHostsFile, options.HomeDirectory);
        var first = await HandshakeAsync(knownHostsPath, cancellationToken).ConfigureAwait(false);
        if (first.Result.IsRight || first.Check?.Unconfirmed is not { } unconfirmed || options.ConfirmUnknownHostKey is null) return first.Result;

        // fleetctl asks during the handshake; a callback that may take minutes cannot hold the
        // server's handshake open, so the key is confirmed after, recorded, and the session
        // starts again: the second handshake must then present the key just recorded.
        if (!await options.ConfirmUnknownHostKey(unconfirmed.Question, cancellationToken).ConfigureAwait(false))
        {
            return SshErrors.At(Host, SshStage.HostKey, $"the {unconfirmed.Question.KeyType} key {unconfirmed.Question.Fingerprint} of {unconfirmed.Question.Host} was not trusted");
        }
        try
        {
            await KnownHostsWriter.AppendHashedAsync(knownHostsPath, address!.Host, address.Port, unconfirmed.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SshErrors.At(Host, SshStage.HostKey, $"cannot add the host key to {knownHostsPath}: {e.Message}");
        }
        return (await HandshakeAsync(knownHostsPath, cancellationToken).ConfigureAwait(false)).Result;
    }

    private async Task<(Either<APIError, SshClient> Result, HostKeyCheck? Check)> HandshakeAsync(string knownHostsPath, CancellationToken cancellationToken)
    {
        var address = this.address!;
        var identities = await SshIdentities.LoadAsync(options, Host, cancellationToken).ConfigureAwait(false);
        if (identities.Failed(out var loaded, out var error)) return (error, null);
        using var keys = loaded;
        if (keys.HostKeyAlgorithms.Count == 0)
        {
            return (SshErrors.At(Host, SshStage.Authentication, $"no key to offer as {options.User}: {string.Join("; ", keys.Tried)}"), null);
        }

        KnownHosts knownHosts;
        try
        {
            knownHosts = await KnownHosts.LoadAsync(knownHostsPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without strict checking nothing is read from it, so nothing is lost.
            if (options.StrictHostKeyChecking) return (SshErrors.At(Host, SshStage.HostKey, $"cannot read the known hosts file {knownHostsPath}: {e.Message}"), null);
            knownHosts = KnownHosts.Parse("", knownHostsPath);
        }
        var check = new HostKeyCheck(address, knownHosts, options.StrictHostKeyChecking, options.ConfirmUnknownHostKey is not null);
        var authentication = new PrivateKeyAuthenticationMethod(options.User, keys);
        // SSH.NET dials only sockets: a host behind the tunnel host is reached through a proxy of ours whose far end is the channel.
        using var proxy = hop is null ? null : HopProxy.Start(hop.ConnectAsync);
        var info = proxy is null
            ? new ConnectionInfo(address.Host, address.Port, options.User, authentication)
            : new ConnectionInfo(address.Host, address.Port, options.User, ProxyTypes.Http, IPAddress.Loopback.ToString(), proxy.Port, HopProxy.User, proxy.Password, authentication);
        info.Timeout = options.ConnectTimeout;
        PreferKnownKeyTypes(info, knownHosts.KnownKeyTypes(address.Host, address.Port));

        var candidate = new SshClient(info);
        candidate.HostKeyReceived += (_, e) => e.CanTrust = check.Trust(e.HostKey);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConnectTimeout);
        try
        {
            await candidate.ConnectAsync(deadline.Token).ConfigureAwait(false);
            // The bridge the session runs over goes on; only the listener ends with the handshake.
            proxy?.Keep();
            // SSH.NET reports a failed session here first, and only later (after its local
            // forwards stopped, which can take its timeout) stops calling itself connected.
            candidate.ErrorOccurred += (_, _) => Drop(candidate);
            return (candidate, check);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            candidate.Dispose();
            return (Failure(e, check, keys, proxy), check);
        }
        catch
        {
            candidate.Dispose();
            throw;
        }
    }

    private APIError Failure(Exception e, HostKeyCheck check, SshIdentities keys, HopProxy? proxy) => e switch
    {
        _ when check.Refusal is { } refusal => refusal,
        _ when proxy?.Failure is { } channel => channel,
        ProxyException => SshErrors.At(Host, SshStage.ChannelOpen, $"no channel to {Host} through the tunnel host: {e.Message}"),
        OperationCanceledException or SshOperationTimeoutException =>
            SshErrors.Timeout(Host, SshStage.Connect, $"no SSH session within {options.ConnectTimeout.TotalSeconds:0.###} s"),
        SocketException socket => SshErrors.At(Host, SshStage.Connect, socket.Message),
        SshAuthenticationException auth => SshErrors.At(Host, SshStage.Authentication,
            $"the server refused every key for {options.User} ({auth.Message.TrimEnd('.')}); tried: {string.Join("; ", keys.Tried)}"),
        SshException ssh => SshErrors.At(Host, check.Presented ? SshStage.Authentication : SshStage.KeyExchange, ssh.Message),
        IOException io => SshErrors.At(Host, SshStage.Connect, io.Message),
        _ => SshErrors.At(Host, SshStage.Connect, $"{e.GetType().Name}: {e.Message}"),
    };

    // As OpenSSH does: ask for the key types known_hosts holds for this host first, so a host
    // known by its RSA key is not refused for presenting its ed25519 key first.
    private static void PreferKnownKeyTypes(ConnectionInfo info, IReadOnlyList<string> knownTypes)
    {
        var position = 0;
        foreach (var type in knownTypes)
        {
            string[] algorithms = type == "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [type];
            foreach (var algorithm in algorithms)
            {
                if (info.HostKeyAlgorithms.ContainsKey(algorithm)) info.HostKeyAlgorithms.SetPosition(algorithm, position++);
            }
        }
    }

    public void Dispose()
    {
        SshClient? open;
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            open = client;
            client = null;
        }
        if (!IsBorrowed) open?.Dispose();
    }
}
