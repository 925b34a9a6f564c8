using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Ssh.Agent;

/// <summary>
/// A connection to a running ssh-agent over its unix socket (the protocol of
/// draft-miller-ssh-agent): lists the keys it holds and has it sign with them, so private keys
/// never enter this process. Requests on one connection are serialised; each answer must arrive
/// within the receive timeout. A framing failure (timeout, truncated or oversized frame, closed
/// socket) leaves the stream out of step, so the connection refuses later requests.
/// </summary>
internal sealed class SshAgentClient : IDisposable
{
    /// <summary>The largest frame taken from the agent: OpenSSH's own limit (MAX_AGENT_REPLY_LEN).</summary>
    internal const int MaxFrameLength = 256 * 1024;

    /// <summary>How long an answer may take by default: long enough for a hardware token or a confirmation prompt to be slow, short enough that a stalled agent cannot hang authentication.</summary>
    internal static readonly TimeSpan DefaultReceiveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The SSH_AGENTC_SIGN_REQUEST flag asking for an <c>rsa-sha2-256</c> signature from an RSA key.</summary>
    internal const uint RsaSha256 = 2;

    /// <summary>The SSH_AGENTC_SIGN_REQUEST flag asking for an <c>rsa-sha2-512</c> signature from an RSA key.</summary>
    internal const uint RsaSha512 = 4;

    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;

    private readonly Socket socket;
    private readonly TimeSpan receiveTimeout;

    // A semaphore rather than a lock: the listing awaits while it holds it, signing blocks.
    private readonly SemaphoreSlim gate = new(1, 1);

    // Why the connection can no longer be used, once a framing failure has left it out of step.
    private string? broken;

    private SshAgentClient(Socket socket, string socketPath, TimeSpan receiveTimeout)
    {
        this.socket = socket;
        this.receiveTimeout = receiveTimeout;
        SocketPath = socketPath;
    }

    /// <summary>The agent's socket, as given (usually <c>SSH_AUTH_SOCK</c>).</summary>
    public string SocketPath { get; }

    /// <summary>Connects to the agent listening on <paramref name="socketPath"/>.</summary>
    /// <param name="socketPath">The agent's unix socket, usually <c>SSH_AUTH_SOCK</c>.</param>
    /// <param name="ct">Stops connecting.</param>
    /// <returns>The connection, or an Ssh error naming the socket.</returns>
    public static Task<Either<APIError, SshAgentClient>> ConnectAsync(string socketPath, CancellationToken ct) =>
        ConnectAsync(socketPath, DefaultReceiveTimeout, ct);

    /// <summary>Connects with a receive timeout other than the default (tests use a short one).</summary>
    /// <param name="socketPath">The agent's unix socket.</param>
    /// <param name="receiveTimeout">How long each answer may take.</param>
    /// <param name="ct">Stops connecting.</param>
    /// <returns>The connection, or an Ssh error naming the socket.</returns>
    internal static async Task<Either<APIError, SshAgentClient>> ConnectAsync(string socketPath, TimeSpan receiveTimeout, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(socketPath))
        {
            return new APIError(ErrorKind.Ssh, "ssh-agent: no socket path given (is SSH_AUTH_SOCK set?)");
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
            return new SshAgentClient(socket, socketPath, receiveTimeout);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            // ArgumentException: a path too long for sockaddr_un.
            socket.Dispose();
            return new APIError(ErrorKind.Ssh, $"ssh-agent at {socketPath}: cannot connect: {e.Message}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Asks the agent for the keys it holds (SSH_AGENTC_REQUEST_IDENTITIES), in the agent's order.</summary>
    /// <param name="ct">Stops waiting; the connection is then unusable, as an answer may be half read.</param>
    /// <returns>The identities, or an Ssh error saying what the agent did wrong.</returns>
    public async Task<Either<APIError, IReadOnlyList<AgentIdentity>>> ListIdentitiesAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (broken is not null) return Unusable();
            var answer = await ExchangeAsync([0, 0, 0, 1, RequestIdentities], ct).ConfigureAwait(false);
            return answer.Bind(ParseIdentities);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Has the agent sign <paramref name="data"/> with the key whose blob is
    /// <paramref name="publicKeyBlob"/> (SSH_AGENTC_SIGN_REQUEST). Blocking on purpose: SSH.NET
    /// asks for signatures synchronously inside its own blocking authentication.
    /// </summary>
    /// <param name="publicKeyBlob">The key, as <see cref="AgentIdentity.PublicKey"/> gives it.</param>
    /// <param name="data">What to sign.</param>
    /// <param name="flags"><see cref="RsaSha256"/> or <see cref="RsaSha512"/> for RSA keys, else 0.</param>
    /// <returns>The SSH signature blob (string algorithm, string signature), or an Ssh error.</returns>
    public Either<APIError, byte[]> Sign(byte[] publicKeyBlob, byte[] data, uint flags)
    {
        ArgumentNullException.ThrowIfNull(publicKeyBlob);
        ArgumentNullException.ThrowIfNull(data);
        var length = 1 + 4 + publicKeyBlob.Length + 4 + data.Length + 4;
        if (length > MaxFrameLength)
        {
            return new APIError(ErrorKind.Ssh, $"ssh-agent at {SocketPath}: a sign request of {length} bytes is more than the {MaxFrameLength} an agent accepts");
        }
        var request = new byte[4 + length];
        var span = request.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        span[4] = SignRequest;
        var rest = WriteString(span[5..], publicKeyBlob);
        rest = WriteString(rest, data);
        BinaryPrimitives.WriteUInt32BigEndian(rest, flags);

        // Bounded like the answer: another request holding the connection times out within it too.
        if (!gate.Wait(receiveTimeout))
        {
            return new APIError(ErrorKind.Ssh, $"ssh-agent at {SocketPath}: another request held the connection for more than {Seconds} s");
        }
        try
        {
            if (broken is not null) return Unusable();
            return Exchange(request).Bind(body => ParseSignature(body, publicKeyBlob));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes the connection; a request blocked on it fails.</summary>
    public void Dispose()
    {
        broken ??= "it was closed";
        socket.Dispose();
    }

    /// <summary>Reads the first SSH string of a blob as UTF-8: the key type of a key blob, the algorithm of a signature blob.</summary>
    /// <param name="blob">A key or signature blob.</param>
    /// <returns>The string, or null when the blob does not start with a whole one.</returns>
    internal static string? ReadFirstString(ReadOnlySpan<byte> blob) =>
        TryReadString(ref blob, out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>Reads an SSH string (uint32 length, bytes) off the front of <paramref name="input"/>.</summary>
    /// <param name="input">Advanced past the string when it is whole.</param>
    /// <param name="value">The string's bytes.</param>
    /// <returns>Whether a whole string was there.</returns>
    internal static bool TryReadString(ref ReadOnlySpan<byte> input, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (input.Length < 4) return false;
        var length = BinaryPrimitives.ReadUInt32BigEndian(input);
        if (length > (uint)(input.Length - 4)) return false;
        value = input.Slice(4, (int)length);
        input = input[(4 + (int)length)..];
        return true;
    }

    private static Span<byte> WriteString(Span<byte> output, byte[] value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output, value.Length);
        value.CopyTo(output[4..]);
        return output[(4 + value.Length)..];
    }

    private string Seconds => receiveTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private APIError Unusable() =>
        new(ErrorKind.Ssh, $"ssh-agent at {SocketPath}: the connection cannot be used since {broken}");

    private APIError Fault(string problem)
    {
        broken = $"it {problem}";
        return new APIError(ErrorKind.Ssh, $"ssh-agent at {SocketPath} {problem}");
    }

    // One request and its answer, blocking, all within the receive timeout.
    private Either<APIError, byte[]> Exchange(byte[] request)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(receiveTimeout.TotalSeconds * Stopwatch.Frequency);
        try
        {
            socket.SendTimeout = Milliseconds(deadline);
            socket.Send(request);
            var header = new byte[4];
            var got = Fill(header, deadline);
            if (got < header.Length) return Closed(got, header.Length, header: true);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (LengthFault(length) is { } fault) return fault;
            var body = new byte[length];
            got = Fill(body, deadline);
            return got < body.Length ? Closed(got, body.Length, header: false) : body;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            return Fault($"did not answer within {Seconds} s");
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            return Fault($"broke the connection: {e.Message}");
        }
    }

    // Receives until the buffer is full or the agent closes; each wait is cut to what is left of the deadline.
    private int Fill(byte[] buffer, long deadline)
    {
        var got = 0;
        while (got < buffer.Length)
        {
            socket.ReceiveTimeout = Milliseconds(deadline);
            var n = socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
            if (n == 0) break;
            got += n;
        }
        return got;
    }

    // Socket timeouts are whole milliseconds and 0 means none: a passed deadline still gets 1 ms.
    private static int Milliseconds(long deadline) =>
        (int)Math.Clamp((deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency, 1, int.MaxValue);

    private async Task<Either<APIError, byte[]>> ExchangeAsync(byte[] request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(receiveTimeout);
        var token = timeout.Token;
        try
        {
            for (var sent = 0; sent < request.Length;)
            {
                sent += await socket.SendAsync(request.AsMemory(sent), SocketFlags.None, token).ConfigureAwait(false);
            }
            var header = new byte[4];
            var got = await FillAsync(header, token).ConfigureAwait(false);
            if (got < header.Length) return Closed(got, header.Length, header: true);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (LengthFault(length) is { } fault) return fault;
            var body = new byte[length];
            got = await FillAsync(body, token).ConfigureAwait(false);
            return got < body.Length ? Closed(got, body.Length, header: false) : body;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fault($"did not answer within {Seconds} s");
        }
        catch (OperationCanceledException)
        {
            broken = "a request was cancelled while the agent answered";
            throw new OperationCanceledException(ct);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            return Fault($"broke the connection: {e.Message}");
        }
    }

    private async Task<int> FillAsync(byte[] buffer, CancellationToken token)
    {
        var got = 0;
        while (got < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(got), SocketFlags.None, token).ConfigureAwait(false);
            if (n == 0) break;
            got += n;
        }
        return got;
    }

    // Checked before anything is allocated for the body.
    private APIError? LengthFault(uint length) =>
        length == 0 ? Fault("answered with an empty frame")
        : length > MaxFrameLength ? Fault($"answered with a frame of {length} bytes, more than the {MaxFrameLength} allowed")
        : null;

    private APIError Closed(int got, int wanted, bool header) =>
        header && got == 0
            ? Fault("closed the connection without answering")
            : Fault($"answered with a truncated frame: the connection closed after {got} of the {wanted} bytes of its {(header ? "length" : "body")}");

    private Either<APIError, IReadOnlyList<AgentIdentity>> ParseIdentities(byte[] body)
    {
        if (body[0] != IdentitiesAnswer) return Unexpected(body[0], IdentitiesAnswer, "a request for its keys");
        var rest = new ReadOnlySpan<byte>(body, 1, body.Length - 1);
        if (rest.Length < 4) return Malformed("its list of keys has no count");
        var count = BinaryPrimitives.ReadUInt32BigEndian(rest);
        rest = rest[4..];
        // Each identity takes at least its two lengths: a count beyond that is a lie, not a reason to allocate.
        if (count > (uint)rest.Length / 8) return Malformed($"its list of keys claims {count} keys in {rest.Length} bytes");
        var identities = new List<AgentIdentity>((int)count);
        for (var i = 0; i < count; i++)
        {
            if (!TryReadString(ref rest, out var blob) || !TryReadString(ref rest, out var comment))
            {
                return Malformed($"key {i + 1} of {count} in its list of keys is cut short");
            }
            identities.Add(new AgentIdentity(blob.ToArray(), Encoding.UTF8.GetString(comment)));
        }
        return identities;
    }

    private Either<APIError, byte[]> ParseSignature(byte[] body, byte[] publicKeyBlob)
    {
        if (body[0] == Failure)
        {
            var type = ReadFirstString(publicKeyBlob) ?? "unknown";
            return new APIError(ErrorKind.Ssh, $"ssh-agent at {SocketPath} refused to sign with the {type} key {AgentIdentity.FingerprintOf(publicKeyBlob)} (it does not hold it, or the key or its confirmation refused)");
        }
        if (body[0] != SignResponse) return Unexpected(body[0], SignResponse, "a sign request");
        var rest = new ReadOnlySpan<byte>(body, 1, body.Length - 1);
        if (!TryReadString(ref rest, out var signature)) return Malformed("its signature is cut short");
        var inner = signature;
        if (!TryReadString(ref inner, out _) || !TryReadString(ref inner, out _))
        {
            return Malformed("its signature is not an SSH signature blob (algorithm, signature)");
        }
        return signature.ToArray();
    }

    private APIError Unexpected(byte type, byte expected, string request) =>
        type == Failure
            ? new APIError(ErrorKind.Ssh, $"ssh-agent at {SocketPath} refused {request}")
            : new APIError(ErrorKind.Ssh, $"ssh-agent at {SocketPath} answered message type {type} to {request}, where {expected} was expected");

    private APIError Malformed(string problem) =>
        new(ErrorKind.Ssh, $"ssh-agent at {SocketPath} answered with a malformed message: {problem}");
}
