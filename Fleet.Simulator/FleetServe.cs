using System.Globalization;
using System.Net;
using Fleet.Simulator.Hosting;
using Fleet.Transport.Registry;

namespace Fleet.Simulator;

/// <summary>
/// The <c>serve</c> command: a simulated fleet on a unix socket and/or TCP until Ctrl+C or SIGTERM.
/// Its flags, their checks and messages, and the serving itself are defined here once, behind both
/// <c>fleetctl-net serve</c> and the standalone Fleet.Simulator.Server; each only reads its
/// command line into <see cref="Flags"/>' values.
/// </summary>
public static class FleetServe
{
    /// <summary>The flags, by name, in the order help lists them (pflag's: by name).</summary>
    public static IReadOnlyList<FleetServeFlag> Flags { get; } =
    [
        new("agent-delay", "int", $"How many milliseconds the simulated agents take to act on a change (default {FleetServerArguments.DefaultAgentDelayMilliseconds})"),
        new("etcd", "string", "Keep the registry in this etcd (comma-separated URLs) in fleet's keyspace, as fleetd does: the simulated machines' engine and agents act there, and fleet's API is served over it only with --unix or --tcp; not with --agent-delay"),
        new("etcd-key-prefix", "string", $"With --etcd: the registry's folder in etcd (default {FleetRegistryOptions.DefaultKeyPrefix})"),
        new("first-machine", "int", $"With --etcd: the position, from 1, of the first simulated machine in the reference cluster's sequence, so instances on one etcd hold distinct machines (default {EtcdFleetHostOptions.DefaultFirstMachine})"),
        new("machines", "int", $"How many machines the simulated cluster has (default {FleetServerArguments.DefaultMachineCount})"),
        new("tcp", "string", "Listen on TCP at HOST:PORT, e.g. 127.0.0.1:4001 or [::1]:0 (port 0: any free port); without --etcd, with neither --unix nor --tcp, 127.0.0.1:0"),
        new("unix", "string", "Listen on a unix socket at PATH (a stale socket file there is replaced; removed on exit)"),
    ];

    /// <summary>
    /// Checks the flags' values as they were written on a command line, then serves until
    /// <paramref name="cancellationToken"/> is cancelled or the process gets SIGINT or SIGTERM.
    /// Each line it writes to <paramref name="output"/> is one endpoint (<c>fleet API on unix://PATH</c>,
    /// <c>fleet API on http://HOST:PORT</c>), with <c>--etcd</c> then <c>fleet engine and agents on
    /// etcd URLS under PREFIX</c>, and last <c>machines: N</c>.
    /// </summary>
    /// <param name="values">The value of each flag given, by its name without dashes (see <see cref="Flags"/>); a flag not given is absent.</param>
    /// <param name="output">Where the endpoints are announced.</param>
    /// <param name="error">Where a value that cannot be used (<c>--machines: 'x' is not a whole number</c>) or an endpoint that cannot be bound is reported.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>The exit code: 0 after a requested stop; 1 for a value that cannot be used or an endpoint that cannot be bound.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> names a flag that is not in <see cref="Flags"/>.</exception>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> values, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (values.Keys.FirstOrDefault(name => !Flags.Any(flag => flag.Name == name)) is { } unknown)
        {
            throw new ArgumentException($"serve has no flag --{unknown}", nameof(values));
        }
        if (values.ContainsKey("etcd") || values.ContainsKey("etcd-key-prefix") || values.ContainsKey("first-machine"))
        {
            var etcdRefusal = ReadEtcd(values, out var etcdOptions);
            if (etcdRefusal is not null)
            {
                await error.WriteLineAsync(etcdRefusal).ConfigureAwait(false);
                return 1;
            }
            return await EtcdFleetHost.ServeUntilStoppedAsync(etcdOptions!, output, error, cancellationToken).ConfigureAwait(false);
        }
        var refusal = Read(values, out var options);
        if (refusal is not null)
        {
            await error.WriteLineAsync(refusal).ConfigureAwait(false);
            return 1;
        }
        return await FleetServerHost.ServeUntilStoppedAsync(options!, output, error, cancellationToken).ConfigureAwait(false);
    }

    // The first value that cannot be used, as "--flag: what is wrong", or null and the options.
    private static string? Read(IReadOnlyDictionary<string, string> values, out FleetServerOptions? options)
    {
        options = null;
        if (ReadListenersAndMachines(values, out var unix, out var endPoint, out var machines) is { } refusal) return refusal;
        var delay = FleetServerArguments.DefaultAgentDelayMilliseconds;
        if (values.GetValueOrDefault("agent-delay") is { } ms && WholeNumber(ms, FleetServerArguments.ValidateAgentDelay, out delay) is { } delayError) return $"--agent-delay: {delayError}";
        options = FleetServerArguments.ToOptions(unix, endPoint, machines, delay);
        return null;
    }

    // With --etcd the engine and agents act every interval, which replaces the agents' delay; the
    // API is served only where asked, as fleetd serves it on its socket.
    private static string? ReadEtcd(IReadOnlyDictionary<string, string> values, out EtcdFleetHostOptions? options)
    {
        options = null;
        if (values.GetValueOrDefault("etcd") is not { } urls) return $"--{(values.ContainsKey("etcd-key-prefix") ? "etcd-key-prefix" : "first-machine")}: only with --etcd";
        var endpoints = urls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (endpoints.Length == 0) return "--etcd: no etcd URL given (for example http://127.0.0.1:2379)";
        if (values.ContainsKey("agent-delay")) return $"--agent-delay: not with --etcd (the engine and agents act every {EtcdFleetHostOptions.IntervalMilliseconds} ms)";
        if (ReadListenersAndMachines(values, out var unix, out var endPoint, out var machines) is { } refusal) return refusal;
        var first = EtcdFleetHostOptions.DefaultFirstMachine;
        if (values.GetValueOrDefault("first-machine") is { } position && WholeNumber(position, EtcdFleetHostOptions.ValidateFirstMachine, out first) is { } firstError) return $"--first-machine: {firstError}";
        var prefix = values.GetValueOrDefault("etcd-key-prefix") ?? FleetRegistryOptions.DefaultKeyPrefix;
        options = new EtcdFleetHostOptions(endpoints, prefix, machines)
        {
            FirstMachine = first,
            UnixSocketPath = unix is null ? null : Path.GetFullPath(unix),
            TcpEndPoint = endPoint,
        };
        return null;
    }

    // What both kinds of serve read alike: where the API listens and how many machines there are.
    private static string? ReadListenersAndMachines(IReadOnlyDictionary<string, string> values, out string? unix, out IPEndPoint? endPoint, out int machines)
    {
        endPoint = null;
        machines = FleetServerArguments.DefaultMachineCount;
        unix = values.GetValueOrDefault("unix");
        if (unix is not null && FleetServerArguments.ValidateUnixSocketPath(unix) is { } pathError) return $"--unix: {pathError}";
        if (values.GetValueOrDefault("tcp") is { } tcp && !FleetServerArguments.TryParseTcp(tcp, out endPoint, out var tcpError)) return $"--tcp: {tcpError}";
        if (values.GetValueOrDefault("machines") is { } count && WholeNumber(count, FleetServerArguments.ValidateMachineCount, out machines) is { } countError) return $"--machines: {countError}";
        return null;
    }

    private static string? WholeNumber(string text, Func<int, string?> validate, out int value)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return validate(value);
        // Digits that do not fit an int are a number out of range, not "not a number".
        return text.TrimStart('-').Length > 0 && text.TrimStart('-').All(char.IsAsciiDigit)
            ? $"'{text}' is out of range"
            : $"'{text}' is not a whole number";
    }
}

/// <summary>One flag of <see cref="FleetServe"/>.</summary>
/// <param name="Name">The flag's name without dashes, as in <c>--machines</c>.</param>
/// <param name="ValueKind">What its value is, as pflag's help names it: <c>int</c> or <c>string</c>.</param>
/// <param name="Description">What it does, with its default.</param>
public sealed record FleetServeFlag(string Name, string ValueKind, string Description);
