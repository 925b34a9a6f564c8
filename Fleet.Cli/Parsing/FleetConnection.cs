using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Parsing;

/// <summary>Connects for one command and closes the connection after it.</summary>
internal static class FleetConnection
{
    /// <summary>Connects with <paramref name="setup"/>, runs <paramref name="request"/>, and disconnects.</summary>
    /// <typeparam name="T">What the request answers.</typeparam>
    /// <param name="setup">The client setup.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Stops connecting and the request.</param>
    /// <returns>The answer, or the connection's or request's error.</returns>
    public static async Task<Either<APIError, T>> UseAsync<T>(ClientSetup setup, Func<FleetClient, CancellationToken, Task<Either<APIError, T>>> request, CancellationToken cancellationToken)
    {
        if ((await setup.ConnectAsync(cancellationToken).ConfigureAwait(false)).Failed(out var connected, out var error)) return error;
        await using var client = connected;
        return await request(client, cancellationToken).ConfigureAwait(false);
    }
}
