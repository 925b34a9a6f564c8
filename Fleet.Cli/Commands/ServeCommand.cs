using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Simulator;

namespace Fleet.Cli.Commands;

/// <summary>
/// <c>serve</c>, this command line's own: FleetServer with a simulated cluster on a unix socket
/// and/or TCP until SIGINT or SIGTERM, a local fleet for scripts, tests and other fleet clients.
/// Its flags and serving are <see cref="FleetServe"/>'s, the same as Fleet.Simulator.Server's.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The command's help, in the shape of fleetctl's; its flags are <see cref="FleetServe.Flags"/>.</summary>
    public static CommandHelp Help { get; } = new(
        "serve",
        "serve [--unix PATH] [--tcp HOST:PORT] [--machines N] [--agent-delay MS] | --etcd URLS [--etcd-key-prefix P] [--machines N] [--first-machine N] [--unix PATH] [--tcp HOST:PORT]",
        "Serve fleet's API from a simulated cluster until interrupted",
        """
        Runs fleet's v1 API on a unix socket and/or TCP, backed by a simulated cluster, until Ctrl+C or SIGTERM.
        With neither --unix nor --tcp it listens on 127.0.0.1 at a free port. It prints each endpoint it serves
        ("fleet API on unix://PATH", "fleet API on http://HOST:PORT") and the machine count, then serves.
        The socket file is removed on exit.

        With --etcd the simulated machines' engine and agents keep fleet's registry in that etcd (machines,
        schedule, unit states and heartbeats, as fleetd writes them) for fleetctl --driver=etcd and other
        registry clients, and fleet's API is served over that registry only on the --unix and --tcp given.
        It prints each endpoint, "fleet engine and agents on etcd URLS under PREFIX" and the machine count;
        on exit it purges as a stopping fleetd does. Serves on one etcd share one cluster, fleetd's engine
        election choosing the one that schedules; --first-machine gives each its own machines.

        A local fleet with five machines on a socket:
        fleetctl serve --unix /tmp/fleet.sock --machines 5
        """,
        FlagLines());

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var command = CommandShape.Create(Help);
        var flags = FleetServe.Flags.Select(flag => (flag.Name, Option: new Option<string?>("--" + flag.Name))).ToList();
        foreach (var (_, option) in flags) command.Options.Add(option);
        var args = (Argument<string[]>)command.Arguments[0];
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(args) is { Length: > 0 } extra)
            {
                // A stray word is most likely a value whose flag was forgotten; serving anyway would hide that.
                context.Error($"serve takes no arguments, only flags: {string.Join(' ', extra)}");
                return Task.FromResult(1);
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, option) in flags)
            {
                if (parse.GetValue(option) is { } value) values[name] = value;
            }
            return FleetServe.RunAsync(values, context.Stdout, context.Stderr, cancellationToken);
        });
        return command;
    }

    // pflag's layout: "      --name type", padded to the longest, three spaces, the description.
    private static string FlagLines()
    {
        var heads = FleetServe.Flags.Select(flag => $"--{flag.Name} {flag.ValueKind}").ToList();
        var width = heads.Max(head => head.Length) + 3;
        return string.Concat(heads.Zip(FleetServe.Flags, (head, flag) => $"      {head.PadRight(width)}{flag.Description}\n"));
    }
}
