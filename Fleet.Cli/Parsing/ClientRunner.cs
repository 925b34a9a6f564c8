using System.CommandLine;
using Fleet.Cli.Output;

namespace Fleet.Cli.Parsing;

/// <summary>fleetctl's <c>runWrapper</c>: initialise the client from flags and variables, then run the command.</summary>
internal static class ClientRunner
{
    /// <summary>Runs <paramref name="command"/> with the client setup, or prints why there is none and answers 1.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="context">Where to write.</param>
    /// <param name="globals">The global flags.</param>
    /// <param name="command">The command's work.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(ParseResult parse, CliContext context, GlobalOptions globals, Func<ClientSetup, CancellationToken, Task<int>> command, CancellationToken cancellationToken)
    {
        var (setup, error) = SettingsBuilder.Build(parse, globals, context, new DebugLog(context.Stderr, TimeProvider.System));
        if (setup is null)
        {
            context.Error($"Unable to initialize client: {error}");
            return Task.FromResult(1);
        }
        return RunAsync(setup, context, command, cancellationToken);
    }

    private static async Task<int> RunAsync(ClientSetup setup, CliContext context, Func<ClientSetup, CancellationToken, Task<int>> command, CancellationToken cancellationToken)
    {
        await RegistryVersionCheck.RunAsync(setup, context, cancellationToken).ConfigureAwait(false);
        return await command(setup, cancellationToken).ConfigureAwait(false);
    }
}
