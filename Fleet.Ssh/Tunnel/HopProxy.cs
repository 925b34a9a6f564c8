using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Fleet.Core;
using Fleet.Transport.Connections;
using LanguageExt;

namespace Fleet.Ssh.Tunnel;

/// <summary>
/// The way SSH.NET reaches a host behind a tunnel host. SSH.NET dials only sockets, directly or
/// through a proxy, while the way to that host is a direct-tcpip channel of the tunnel's session:
/// so this is an HTTP CONNECT proxy on loopback for one connection, whose far end is that
/// channel. Another local process must not get through our session this way, so the proxy asks
/// for a password of its own, random and known only to this process; a connection without it
/// is answered 407 and closed, and the first one with it is served, after which nothing more is
/// accepted. The bridge lasts until either end closes or the proxy is disposed.
/// </summary>
internal sealed class HopProxy : IDisposable
{
    /// <summary>The user name SSH.NET presents; the password is what counts.</summary>
    public const string User = "fleet";

    private const int HeadLimit = 8 * 1024;
    private static readonly TimeSpan HeadDeadline = TimeSpan.FromSeconds(10);

    private readonly TcpListener listener;
    private readonly Func<CancellationToken, Task<Either<APIError, Stream>>> openChannel;
    private readonly CancellationTokenSource stopping = new();
    private readonly string expectedAuthorization;
    private int listening = 1;
    private volatile bool kept;

    private HopProxy(TcpListener listener, Func<CancellationToken, Task<Either<APIError, Stream>>> openChannel)
    {
        this.listener = listener;
        this.openChannel = openChannel;
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{User}:{Password}"));
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The loopback port to give SSH.NET as its HTTP proxy.</summary>
    public int Port { get; }

    /// <summary>The proxy password to give SSH.NET.</summary>
    public string Password { get; }

    /// <summary>Why the channel to the host could not be opened, once that happened.</summary>
    public APIError? Failure { get; private set; }

    /// <summary>Listens on a free loopback port and serves the first authorised connection with a channel from <paramref name="openChannel"/>.</summary>
    /// <param name="openChannel">Opens the channel to the host; called once, for the connection that is served.</param>
    /// <returns>The listening proxy.</returns>
    public static HopProxy Start(Func<CancellationToken, Task<Either<APIError, Stream>>> openChannel)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 4);
        var proxy = new HopProxy(listener, openChannel);
        _ = Task.Run(proxy.ServeAsync);
        return proxy;
    }

    /// <summary>Accepts nothing more; a connection already served goes on.</summary>
    public void StopListening()
    {
        if (Interlocked.Exchange(ref listening, 0) == 1) listener.Stop();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
                if (await AuthorisedAsync(socket).ConfigureAwait(false))
                {
                    StopListening();
                    await BridgeAsync(socket).ConfigureAwait(false);
                    return;
                }
                socket.Dispose();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // Stopped, or the connection went away: SSH.NET reports its own side of that.
        }
    }

    // Reads the CONNECT request's head and answers 407 unless it carries our password.
    private async Task<bool> AuthorisedAsync(Socket socket)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        deadline.CancelAfter(HeadDeadline);
        var head = new List<byte>();
        var one = new byte[1];
        try
        {
            // Byte by byte: what follows the head belongs to the SSH session and must not be read here.
            while (!EndsWithBlankLine(head))
            {
                if (head.Count >= HeadLimit || await socket.ReceiveAsync(one, deadline.Token).ConfigureAwait(false) == 0) return false;
                head.Add(one[0]);
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var authorised = lines[0].StartsWith("CONNECT ", StringComparison.Ordinal) && lines.Skip(1).Any(line =>
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            return colon > 0
                && line[..colon].Trim().Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(line[(colon + 1)..].Trim()), Encoding.ASCII.GetBytes(expectedAuthorization));
        });
        if (!authorised) await AnswerAsync(socket, "407 Proxy Authentication Required").ConfigureAwait(false);
        return authorised;
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private async Task BridgeAsync(Socket socket)
    {
        using var _ = socket;
        var opened = await openChannel(stopping.Token).ConfigureAwait(false);
        if (opened.Failed(out var channel, out var error))
        {
            Failure = error;
            await AnswerAsync(socket, "502 Bad Gateway").ConfigureAwait(false);
            return;
        }
        await using (channel.ConfigureAwait(false))
        {
            await AnswerAsync(socket, "200 Connection established").ConfigureAwait(false);
            await using var local = new NetworkStream(socket, ownsSocket: false);
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            // When one direction ends, the other has nothing left to carry: SSH is one conversation.
            var upstream = local.CopyToAsync(channel, ending.Token);
            var downstream = channel.CopyToAsync(local, ending.Token);
            await Task.WhenAny(upstream, downstream).ConfigureAwait(false);
            // A channel the tunnel host refused shows as a failed first read: say so before SSH.NET hears the end.
            if (downstream is { IsFaulted: true, Exception.InnerException: TransportFailure refused }) Failure = refused.Error;
            await ending.CancelAsync().ConfigureAwait(false);
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // SSH.NET closed it first.
            }
            await Quietly(upstream).ConfigureAwait(false);
            await Quietly(downstream).ConfigureAwait(false);
        }
    }

    private static async Task Quietly(Task copy)
    {
        try
        {
            await copy.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The bridge is ending; how each direction noticed does not matter.
        }
    }

    private static async Task AnswerAsync(Socket socket, string status) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 {status}\r\n\r\n"), SocketFlags.None).ConfigureAwait(false);

    /// <summary>Lets the bridge outlive this object's disposal: it then ends when either end closes.</summary>
    public void Keep()
    {
        kept = true;
        StopListening();
    }

    /// <summary>Stops listening and, unless <see cref="Keep"/> was called, ends the bridge.</summary>
    public void Dispose()
    {
        StopListening();
        if (!kept) stopping.Cancel();
    }
}
