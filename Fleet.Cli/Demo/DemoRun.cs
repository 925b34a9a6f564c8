using Fleet.Core;
using Fleet.Simulator;

namespace Fleet.Cli.Demo;

/// <summary>
/// The demo: an embedded simulated fleet on a unix socket in a temporary folder that holds the
/// example units, and a short session of this command line's own commands run against it,
/// each shown as the command a user would type.
/// </summary>
internal static class DemoRun
{
    /// <summary>How many machines the demo's fleet has: the reference cluster's three, one with role=db.</summary>
    public const int MachineCount = 3;

    // Long enough to watch the units move through their states, short enough to finish in seconds.
    private static readonly TimeSpan AgentDelay = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan StatesDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StatesPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>The session, in order: each step is the arguments after the command's name.</summary>
    public static IReadOnlyList<string[]> Steps { get; } =
    [
        ["list-machines"],
        ["submit", "hello.service", "metrics.service", "web@.service", "db.service", "cache.service"],
        ["list-unit-files"],
        ["start", "hello.service", "metrics.service", "web@1.service", "web@2.service", "db.service", "cache.service"],
        ["list-units"],
        ["stop", "web@2.service"],
        ["destroy", "web@2.service"],
        ["list-unit-files"],
        ["list-units"],
    ];

    /// <summary>Runs the demo.</summary>
    /// <param name="context">Where it writes; the steps write there too.</param>
    /// <param name="colour">Whether to colour the command lines (a terminal that takes colour).</param>
    /// <param name="run">Runs one step's command line (the command line itself).</param>
    /// <param name="cancellationToken">Stops the demo.</param>
    /// <returns>0, or the exit code of the first step that failed.</returns>
    public static async Task<int> RunAsync(CliContext context, bool colour, Func<string[], CliContext, CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("fleet-demo-").FullName;
        var previousDirectory = Environment.CurrentDirectory;
        try
        {
            await DemoUnits.WriteToAsync(folder, cancellationToken).ConfigureAwait(false);
            await using var server = await FleetServer.StartAsync(new FleetServerOptions
            {
                UnixSocketPath = Path.Combine(folder, "fleet.sock"),
                MachineCount = MachineCount,
                AgentDelay = AgentDelay,
            }, cancellationToken).ConfigureAwait(false);
            var style = new DemoStyle(colour);
            context.Out($"Fleet for .NET demo: a simulated fleet of {MachineCount} machines at {server.Endpoint},");
            context.Out($"and the example units {string.Join(", ", DemoUnits.Names)} in {folder}.");
            context.Out("Each step is this command line, run as you would run it with FLEETCTL_ENDPOINT set to that endpoint.");
            var stepContext = context with { Variables = WithEndpoint(context.Variables, server.Endpoint) };
            // Commands read the unit files they are given from the working directory, as fleetctl does.
            Environment.CurrentDirectory = folder;
            foreach (var step in Steps)
            {
                context.Out("");
                context.Out(style.Command($"$ fleetctl-net {string.Join(' ', step)}"));
                await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                var exit = await run(step, stepContext, cancellationToken).ConfigureAwait(false);
                await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (exit != 0)
                {
                    context.Error($"demo: fleetctl-net {string.Join(' ', step)} exited with {exit}");
                    return exit;
                }
                // destroy returns once the registry forgets the unit; its machine reports the unit
                // gone a moment later, and the listings after it should show the fleet at rest.
                if (step[0] == "destroy" && !await StatesGoneAsync(server.Endpoint, step[1..], cancellationToken).ConfigureAwait(false))
                {
                    context.Error($"demo: {string.Join(' ', step[1..])} still reported by a machine after {StatesDeadline.TotalSeconds:0} s");
                    return 1;
                }
            }
            context.Out("");
            context.Out(style.Done("Done. A fleet of your own to try commands on, until Ctrl+C:"));
            context.Out("  fleetctl-net serve --unix /tmp/fleet.sock");
            context.Out("  FLEETCTL_ENDPOINT=unix:///tmp/fleet.sock fleetctl-net list-machines");
            return 0;
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<bool> StatesGoneAsync(string endpoint, string[] units, CancellationToken cancellationToken)
    {
        if ((await FleetClient.ConnectAsync(endpoint, cancellationToken: cancellationToken).ConfigureAwait(false)).Failed(out var connected, out _)) return false;
        await using var client = connected;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StatesDeadline);
        try
        {
            while (true)
            {
                var states = await client.ListUnitStatesAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
                if (states.Match(list => !list.Any(state => units.Contains(state.Name, StringComparer.Ordinal)), _ => false)) return true;
                await Task.Delay(StatesPoll, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static Dictionary<string, string> WithEndpoint(IReadOnlyDictionary<string, string> variables, string endpoint)
    {
        var copy = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        // Only the endpoint: a tunnel or certificates the user has set would not reach the embedded fleet.
        foreach (var name in copy.Keys.Where(name => name.StartsWith("FLEETCTL_", StringComparison.Ordinal)).ToList()) copy.Remove(name);
        copy["FLEETCTL_ENDPOINT"] = endpoint;
        return copy;
    }
}
