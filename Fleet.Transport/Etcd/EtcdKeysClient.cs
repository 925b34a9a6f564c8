using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Transport.Connections;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet.Transport.Etcd;

/// <summary>
/// etcd's v2 keys API (get, set, delete) as functions over this library's HTTP/1.1 transport,
/// sending exactly what Go's etcd client sends, for a cluster given as a list of member URLs.
/// Every operation answers an <c>Either</c> of an <see cref="APIError"/> or etcd's
/// <see cref="EtcdResponse"/>; etcd's own errors carry its code in
/// <see cref="APIError.EtcdCode"/> (see <see cref="EtcdErrorCodes"/>). Only the caller's
/// cancellation throws. One client is safe for any number of concurrent callers and keeps a
/// pool of keep-alive connections per member until disposed.
/// </summary>
/// <remarks>
/// The members are used as Go's client uses them: shuffled once when the client is made; each
/// request goes to the member that answered last and, after a transport error, a timeout
/// (<see cref="EtcdClientOptions.RequestTimeout"/>) or a 5xx answer, to the next one, which is
/// then kept; when every member failed, one error names each and its failure. A create-only set
/// (<see cref="EtcdSetOptions.PrevExist"/> false) or a delete that may have reached a member
/// (a timeout, a connection broken after sending) is not sent to another: that one would answer
/// "exists" or "not found" for what the first did. Go's client sends those to no other member
/// after any failure; this one still moves on from a member it could not reach or that answered
/// 5xx, which applied nothing. Redirects are
/// followed up to <see cref="MaxRedirects"/> times per member. A key prefix (fleet's
/// <c>/_coreos.com/fleet/</c>) is the caller's: keys are sent as given.
/// </remarks>
public sealed class EtcdKeysClient : IAsyncDisposable, IDisposable
{
    /// <summary>How many redirects one member's answer may lead through before the member counts as failed (Go's client's 10).</summary>
    public const int MaxRedirects = 10;

    private readonly EtcdMember[] members;
    private readonly EtcdClientOptions options;
    private readonly HttpTransportOptions transport;
    // One pool per origin: the members', and those of redirect targets as they are met.
    private readonly Dictionary<string, ConnectionPool> pools = [];
    private readonly Lock poolsLock = new();
    private int pinned;
    private bool disposed;

    private EtcdKeysClient(EtcdMember[] members, EtcdClientOptions options)
    {
        this.members = members;
        this.options = options;
        Endpoints = [.. members.Select(m => m.Url)];
        // The client keeps each attempt's deadline itself, connecting included, so the pool's are off.
        transport = new HttpTransportOptions
        {
            MaxConnections = options.MaxConnectionsPerMember,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            RequestTimeout = Timeout.InfiniteTimeSpan,
            Limits = options.Limits,
            Tls = options.Tls,
            Connector = options.Connector,
        };
    }

    /// <summary>The members' URLs, in the order they are tried (shuffled when the client was made).</summary>
    public IReadOnlyList<string> Endpoints { get; }

    /// <summary>The URL of the member the next request goes to first: the one that answered last.</summary>
    public string PinnedEndpoint => members[Volatile.Read(ref pinned)].Url;

    /// <summary>
    /// Makes a client for a comma-separated list of member URLs, as fleetctl's <c>--endpoint</c>
    /// takes them (<c>http://10.0.0.1:2379,http://10.0.0.2:2379</c>). Nothing is sent yet.
    /// </summary>
    /// <param name="endpoints">The members' <c>http://</c> or <c>https://</c> URLs, separated by commas.</param>
    /// <param name="options">Timeout, TLS, connector and logging; defaults when null.</param>
    /// <returns>The client, or a Validation error naming the URL at fault (or the connector's or TLS files' error).</returns>
    public static Either<APIError, EtcdKeysClient> Create(string endpoints, EtcdClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return Create(endpoints.Split(','), options, shuffle: true);
    }

    /// <summary>Makes a client for a list of member URLs. Nothing is sent yet.</summary>
    /// <param name="endpoints">The members' <c>http://</c> or <c>https://</c> URLs.</param>
    /// <param name="options">Timeout, TLS, connector and logging; defaults when null.</param>
    /// <returns>The client, or a Validation error naming the URL at fault (or the connector's or TLS files' error).</returns>
    public static Either<APIError, EtcdKeysClient> Create(IEnumerable<string> endpoints, EtcdClientOptions? options = null) =>
        Create(endpoints, options, shuffle: true);

    /// <summary>As the public overloads; tests keep the given order to know which member comes first.</summary>
    internal static Either<APIError, EtcdKeysClient> Create(IEnumerable<string> endpoints, EtcdClientOptions? options, bool shuffle)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        options ??= EtcdClientOptions.Default;
        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            return APIError.Validation($"the request timeout must be positive, not {options.RequestTimeout}") with { Parameter = "options.RequestTimeout" };
        }
        if (options.MaxConnectionsPerMember < 1)
        {
            return APIError.Validation($"at least one connection per member is needed, not {options.MaxConnectionsPerMember}") with { Parameter = "options.MaxConnectionsPerMember" };
        }
        var parsed = new List<EtcdMember>();
        foreach (var text in endpoints)
        {
            if (EtcdMember.Parse(text).Failed(out var member, out var error)) return error with { Parameter = "endpoints" };
            parsed.Add(member);
        }
        if (parsed.Count == 0) return APIError.Validation("no etcd endpoint was given") with { Parameter = "endpoints" };
        var ordered = parsed.ToArray();
        if (shuffle) Random.Shared.Shuffle(ordered);

        var client = new EtcdKeysClient(ordered, options);
        foreach (var member in ordered)
        {
            if (client.PoolFor(member.Endpoint).Failed(out _, out var error))
            {
                client.Dispose();
                return error;
            }
        }
        return client;
    }

    /// <summary>Reads a key or a directory.</summary>
    /// <param name="key">The key, such as <c>/_coreos.com/fleet/job</c>; a missing leading slash is added.</param>
    /// <param name="options">Recursive, sorted, quorum; all false when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>etcd's answer; a missing key is an error whose <see cref="APIError.EtcdCode"/> is <see cref="EtcdErrorCodes.KeyNotFound"/>.</returns>
    public Task<Either<APIError, EtcdResponse>> GetAsync(string key, EtcdGetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SendAsync(EtcdCall.Get(key, options ?? EtcdGetOptions.Default), cancellationToken);
    }

    /// <summary>Sets a key's value, when its conditions hold.</summary>
    /// <param name="key">The key; a missing leading slash is added.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">prevExist, prevValue, prevIndex, ttl; none when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>etcd's answer (action <c>set</c>, <c>create</c>, <c>update</c> or <c>compareAndSwap</c>), or the error, such as <see cref="EtcdErrorCodes.KeyExists"/> or <see cref="EtcdErrorCodes.CompareFailed"/>.</returns>
    public Task<Either<APIError, EtcdResponse>> SetAsync(string key, string value, EtcdSetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return SendAsync(EtcdCall.Set(key, value, options ?? EtcdSetOptions.Default), cancellationToken);
    }

    /// <summary>Deletes a key, or a directory, when its conditions hold.</summary>
    /// <param name="key">The key; a missing leading slash is added.</param>
    /// <param name="options">recursive, dir, prevValue, prevIndex; none when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>etcd's answer (action <c>delete</c> or <c>compareAndDelete</c>), or the error, such as <see cref="EtcdErrorCodes.KeyNotFound"/>.</returns>
    public Task<Either<APIError, EtcdResponse>> DeleteAsync(string key, EtcdDeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SendAsync(EtcdCall.Delete(key, options ?? EtcdDeleteOptions.Default), cancellationToken);
    }

    private async Task<Either<APIError, EtcdResponse>> SendAsync(Either<APIError, EtcdCall> prepared, CancellationToken cancellationToken)
    {
        if (prepared.Failed(out var call, out var invalid)) return invalid;
        var first = Volatile.Read(ref pinned);
        var failures = new List<APIError>(1);
        for (var i = 0; i < members.Length; i++)
        {
            var k = (first + i) % members.Length;
            var outcome = await AttemptAsync(members[k], call, cancellationToken).ConfigureAwait(false);
            if (outcome.TryNext)
            {
                // A create or delete that may have been applied is not sent again: a second
                // member would answer "exists" or "not found" for what the first one did.
                if (call.OneShot && !outcome.Untouched) return outcome.Error!;
                failures.Add(outcome.Error!);
                continue;
            }
            // The member that answered is the one to ask first from now on.
            if (k != first) Volatile.Write(ref pinned, k);
            return outcome.Response is { } response ? response : outcome.Error!;
        }
        return Unavailable(failures);
    }

    // One member's turn: the request and the redirects it leads to, each hop with its own deadline.
    private async Task<EtcdOutcome> AttemptAsync(EtcdMember member, EtcdCall call, CancellationToken cancellationToken)
    {
        var endpoint = member.Endpoint;
        var url = member.Url;
        var request = call.For(endpoint.BasePath, endpoint.HostHeader);
        for (var redirects = 0; ; redirects++)
        {
            if (PoolFor(endpoint).Failed(out var pool, out var unreachable)) return EtcdOutcome.Next(unreachable, untouched: true);
            EtcdOutcome outcome;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(options.RequestTimeout);
                try
                {
                    var answer = await pool.SendAsync(request, url, static (response, url) => (Either<APIError, EtcdOutcome>)EtcdAnswers.Read(response, url), deadline.Token).ConfigureAwait(false);
                    outcome = answer.Match(read => read, error => EtcdOutcome.Next(Named(error, url), untouched: CouldNotConnect(error)));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return EtcdOutcome.Next(new APIError(ErrorKind.Timeout, $"client: endpoint {url} exceeded header timeout"));
                }
            }
            if (outcome.Location is not { } location) return outcome;
            if (redirects == MaxRedirects)
            {
                return EtcdOutcome.Next(new APIError(ErrorKind.Protocol, $"client: etcd member {member.Url}: too many redirects (more than {MaxRedirects}; the last to {GoQuoting.Quote(location)})"));
            }
            if (Redirect(location, endpoint).Failed(out var next, out var bad)) return EtcdOutcome.Next(Named(bad, url));
            (endpoint, url, request) = (next.Endpoint, next.Url, call.At(next.Target, next.Endpoint.HostHeader));
        }
    }

    // The transport's own words name the address when it could not connect ("dial tcp ..."); other failures get the member's URL.
    private static APIError Named(APIError error, string url) =>
        CouldNotConnect(error) ? error : error with { Message = $"client: etcd member {url}: {error.Message}" };

    // The connectors' "dial ..." errors: nothing was sent.
    private static bool CouldNotConnect(APIError error) =>
        error.Kind == ErrorKind.Transport && error.Message.StartsWith("dial ", StringComparison.Ordinal);

    // Go's client takes the Location as the next URL; a path alone stays on the same member.
    private static Either<APIError, (FleetEndpoint Endpoint, string Url, string Target)> Redirect(string location, FleetEndpoint from)
    {
        var fragment = location.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0) location = location[..fragment];
        if (location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal)) return (from, Origin(from), location);
        var schemeEnd = location.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? location[..schemeEnd].ToLowerInvariant() : "";
        if (scheme is not ("http" or "https"))
        {
            return new APIError(ErrorKind.Protocol, $"Location header not valid URL: {GoQuoting.Quote(location)}");
        }
        var rest = location[(schemeEnd + 3)..];
        var cut = rest.IndexOfAny(['/', '?']);
        var authority = cut < 0 ? rest : rest[..cut];
        var target = cut < 0 ? "/" : rest[cut..];
        if (target.StartsWith('?')) target = "/" + target;
        return FleetEndpoint.Parse($"{scheme}://{authority}")
            .MapLeft(e => new APIError(ErrorKind.Protocol, $"Location header not valid URL: {GoQuoting.Quote(location)}: {e.Message}"))
            .Map(endpoint => (endpoint, Origin(endpoint), target));
    }

    private static string Origin(FleetEndpoint endpoint) =>
        (endpoint.Kind == EndpointKind.Https ? "https://" : "http://") + endpoint.HostHeader;

    private Either<APIError, ConnectionPool> PoolFor(FleetEndpoint endpoint)
    {
        var origin = Origin(endpoint);
        lock (poolsLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (pools.TryGetValue(origin, out var pool)) return pool;
            if (Connectors.For(endpoint, transport).Failed(out var connector, out var error)) return error;
            pool = new ConnectionPool(connector, transport, options.Logger, endpoint);
            pools.Add(origin, pool);
            return pool;
        }
    }

    private static APIError Unavailable(List<APIError> failures)
    {
        var message = "client: etcd cluster is unavailable or misconfigured" + string.Concat(failures.Select((e, i) => $"; error #{i}: {e.Message}"));
        var kind = failures.TrueForAll(f => f.Kind == failures[0].Kind) ? failures[0].Kind : ErrorKind.Transport;
        var error = new APIError(kind, message);
        return failures.Count == 1 ? error with { Code = failures[0].Code, Received = failures[0].Received } : error;
    }

    private ConnectionPool[] TakePools()
    {
        lock (poolsLock)
        {
            disposed = true;
            var all = pools.Values.ToArray();
            pools.Clear();
            return all;
        }
    }

    /// <summary>Closes every connection. Requests still running end with a Transport error.</summary>
    /// <returns>When the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var pool in TakePools()) await pool.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes every connection without waiting on any; prefer <see cref="DisposeAsync"/> where you can await.</summary>
    public void Dispose()
    {
        foreach (var pool in TakePools()) pool.Dispose();
    }
}
