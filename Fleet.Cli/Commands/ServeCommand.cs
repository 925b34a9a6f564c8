using System.CommandLine;
using System.Globalization;
using System.Net;
using Fleet.Cli.Help;
using Fleet.Simulator;
using Fleet.Simulator.Hosting;

namespace Fleet.Cli.Commands;

/// <summary>
/// <c>serve</c>, this command line's own: FleetServer with a simulated cluster on a unix socket
/// and/or TCP until SIGINT or SIGTERM, a local fleet for scripts, tests and other fleet clients.
/// It hosts the server exactly as Fleet.Simulator.Server does, through <see cref="FleetServerHost"/>.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The command's help, in the shape of fleetctl's.</summary>
    public static CommandHelp Help { get; } = new(
        "serve",
        "serve [--unix PATH] [--tcp HOST:PORT] [--machines N] [--agent-delay MS]",
        "Serve fleet's API from a simulated cluster until interrupted",
        """
        Runs fleet's v1 API on a unix socket and/or TCP, backed by a simulated cluster, until Ctrl+C or SIGTERM.
        With neither --unix nor --tcp it listens on 127.0.0.1 at a free port. It prints each endpoint it serves
        ("fleet API on unix://PATH", "fleet API on http://HOST:PORT") and the machine count, then serves.
        The socket file is removed on exit.

        A local fleet with five machines on a socket:
        fleetctl serve --unix /tmp/fleet.sock --machines 5
        """,
        $"      --agent-delay int   How many milliseconds the simulated agents take to act on a change (default {FleetServerArguments.DefaultAgentDelayMilliseconds})\n" +
        $"      --machines int      How many machines the simulated cluster has (default {FleetServerArguments.DefaultMachineCount})\n" +
        "      --tcp string        Listen on TCP at HOST:PORT, e.g. 127.0.0.1:4001 or [::1]:0 (port 0: any free port)\n" +
        "      --unix string       Listen on a unix socket at PATH (a stale socket file there is replaced)\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var unix = new Option<string?>("--unix");
        var tcp = new Option<string?>("--tcp");
        var machines = new Option<string?>("--machines");
        var agentDelay = new Option<string?>("--agent-delay");
        var command = CommandShape.Create(Help);
        command.Options.Add(agentDelay);
        command.Options.Add(machines);
        command.Options.Add(tcp);
        command.Options.Add(unix);
        var args = (Argument<string[]>)command.Arguments[0];
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(args) is { Length: > 0 } extra)
            {
                // A stray word is most likely a value whose flag was forgotten; serving anyway would hide that.
                context.Error($"serve takes no arguments, only flags: {string.Join(' ', extra)}");
                return Task.FromResult(1);
            }
            var options = ToOptions(context, parse.GetValue(unix), parse.GetValue(tcp), parse.GetValue(machines), parse.GetValue(agentDelay));
            return options is null ? Task.FromResult(1) : ServeAsync(context, options, cancellationToken);
        });
        return command;
    }

    private static Task<int> ServeAsync(CliContext context, FleetServerOptions options, CancellationToken cancellationToken) =>
        FleetServerHost.ServeUntilStoppedAsync(options, context.Stdout, context.Stderr, cancellationToken);

    // Each value is checked by the shared hosting code, so serve and Fleet.Simulator.Server accept the same ones.
    private static FleetServerOptions? ToOptions(CliContext context, string? unix, string? tcp, string? machines, string? agentDelay)
    {
        if (unix is not null && FleetServerArguments.ValidateUnixSocketPath(unix) is { } pathError) return Refuse(context, "--unix", pathError);
        IPEndPoint? endPoint = null;
        if (tcp is not null && !FleetServerArguments.TryParseTcp(tcp, out endPoint, out var tcpError)) return Refuse(context, "--tcp", tcpError);
        var machineCount = FleetServerArguments.DefaultMachineCount;
        if (machines is not null && WholeNumber(machines, FleetServerArguments.ValidateMachineCount, out machineCount) is { } countError) return Refuse(context, "--machines", countError);
        var delay = FleetServerArguments.DefaultAgentDelayMilliseconds;
        if (agentDelay is not null && WholeNumber(agentDelay, FleetServerArguments.ValidateAgentDelay, out delay) is { } delayError) return Refuse(context, "--agent-delay", delayError);
        return FleetServerArguments.ToOptions(unix, endPoint, machineCount, delay);
    }

    private static string? WholeNumber(string text, Func<int, string?> validate, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) ? validate(value) : $"'{text}' is not a whole number";

    private static FleetServerOptions? Refuse(CliContext context, string flag, string error)
    {
        context.Error($"{flag}: {error}");
        return null;
    }
}
