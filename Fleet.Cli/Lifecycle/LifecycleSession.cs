using Fleet.Cli.Parsing;
using Fleet.Cli.Progress;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// One run of a lifecycle command: the client (connected at the first request, as fleetctl's is,
/// so a connection failure is reported as the failure of the request that needed it), the
/// machines read for the run, the progress board, and fleetctl's two ways of printing.
/// </summary>
internal sealed class LifecycleSession : IAsyncDisposable
{
    private Either<APIError, FleetClient>? connection;

    /// <summary>Creates a session; nothing is connected yet.</summary>
    /// <param name="context">Where the run writes.</param>
    /// <param name="setup">How to reach fleet.</param>
    /// <param name="board">The progress display.</param>
    /// <param name="timing">The pace of the waits.</param>
    public LifecycleSession(CliContext context, ClientSetup setup, IProgressBoard board, WaitTiming timing)
    {
        Context = context;
        Setup = setup;
        Board = board;
        Timing = timing;
    }

    /// <summary>Where the run writes.</summary>
    public CliContext Context { get; }

    /// <summary>How fleet is reached.</summary>
    public ClientSetup Setup { get; }

    /// <summary>The progress display.</summary>
    public IProgressBoard Board { get; }

    /// <summary>The pace of the waits.</summary>
    public WaitTiming Timing { get; }

    /// <summary>The machines, read once when a line first names one.</summary>
    public MachineCache Machines { get; } = new();

    /// <summary>fleetctl's <c>stdout()</c>, written at once, with the progress display out of the way.</summary>
    /// <param name="text">The line.</param>
    public void Out(string text) => Board.Print(() =>
    {
        Context.Out(text);
        Context.Stdout.Flush();
    });

    /// <summary>fleetctl's <c>stderr()</c>, written at once, with the progress display out of the way.</summary>
    /// <param name="text">The line.</param>
    public void Error(string text) => Board.Print(() =>
    {
        Context.Error(text);
        Context.Stderr.Flush();
    });

    /// <summary>How fleetctl's log lines are written.</summary>
    public FleetctlLog Log { get; init; } = new(TimeProvider.System);

    /// <summary>A line of fleetctl's log (on standard error), written at once.</summary>
    /// <param name="level">fleet's level: <c>INFO</c>, <c>WARN</c>.</param>
    /// <param name="source">The Go file and line fleetctl logs from.</param>
    /// <param name="message">The message.</param>
    public void Logged(string level, string source, string message) => Error(Log.Line(level, source, message));

    /// <summary>fleetctl's text for a failed request.</summary>
    /// <param name="error">The failure.</param>
    /// <param name="method">The request's method.</param>
    /// <param name="target">The request's target (<see cref="ClientSetup.Targets"/>).</param>
    /// <returns>The text.</returns>
    public string Describe(APIError error, string method, string target) => RegistryErrors.Describe(error, Setup, method, target);

    /// <summary>Runs a request, connecting first if no request has yet.</summary>
    /// <typeparam name="T">What the request answers.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Stops it.</param>
    /// <returns>The answer, or the request's or the connection's error.</returns>
    public async Task<Either<APIError, T>> RequestAsync<T>(Func<FleetClient, CancellationToken, Task<Either<APIError, T>>> request, CancellationToken cancellationToken)
    {
        connection ??= await Setup.ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (connection.Value.Failed(out var client, out var error)) return error;
        return await request(client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// fleetctl's <c>cAPI.Unit</c>: the unit, or none when fleet answers 404. A name fleet's rules
    /// refuse is not asked for (the library will not send it): fleet holds no unit by such a name
    /// and answers 404 for it, so it is none too, once the connection is known to work.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The unit or none, or the failure.</returns>
    public async Task<Either<APIError, Option<FleetUnit>>> FindUnitAsync(string name, CancellationToken cancellationToken)
    {
        var valid = UnitNames.IsValid(name);
        var found = await RequestAsync(
            async (client, token) => valid
                ? (await client.GetUnitAsync(name, token).ConfigureAwait(false)).Map(Option<FleetUnit>.Some)
                : Option<FleetUnit>.None,
            cancellationToken).ConfigureAwait(false);
        return found.BindLeft(error => error is { Kind: ErrorKind.Http, Code: 404 }
            ? Either<APIError, Option<FleetUnit>>.Right(Option<FleetUnit>.None)
            : Either<APIError, Option<FleetUnit>>.Left(error));
    }

    /// <summary>Reads the machines into <see cref="Machines"/> unless they were read before.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>A task that completes when the cache is filled.</returns>
    public Task ReadMachinesAsync(CancellationToken cancellationToken) =>
        Machines.ReadAsync(token => RequestAsync((client, t) => client.ListMachinesAsync(t), token), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (connection?.MatchUnsafe(c => c, _ => null) is { } client) await client.DisposeAsync().ConfigureAwait(false);
    }
}
