using System.CommandLine;
using Fleet.Cli.Parsing;
using Fleet.Ssh;

namespace Fleet.Cli.Remote;

/// <summary>
/// fleetctl's way of running a command on a machine of the cluster (<c>runCommand</c>): on this
/// machine when it is the one (its <c>/etc/machine-id</c> says so), else over SSH to the address
/// fleet publishes for it, directly or through <c>--tunnel</c>, with the run's standard streams
/// as the command's.
/// </summary>
internal sealed class RemoteRunner
{
    private readonly CliContext context;
    private readonly SshTunnelOptions ssh;
    private readonly long sshPort;
    private readonly string machineIdFile;

    /// <summary>A runner for this run.</summary>
    /// <param name="context">The run's streams and environment.</param>
    /// <param name="ssh">How SSH sessions are opened.</param>
    /// <param name="sshPort">The <c>--ssh-port</c> value.</param>
    /// <param name="machineIdFile">The file holding this machine's id.</param>
    public RemoteRunner(CliContext context, SshTunnelOptions ssh, long sshPort, string machineIdFile = LocalCommand.MachineIdFile)
    {
        this.context = context;
        this.ssh = ssh;
        this.sshPort = sshPort;
        this.machineIdFile = machineIdFile;
    }

    /// <summary>The runner for a parsed command line, with its <c>--ssh-port</c>.</summary>
    /// <param name="parse">The parsed command line; its global flags have been read once already, so they are valid.</param>
    /// <param name="globals">The global flags.</param>
    /// <param name="context">The run's streams and environment.</param>
    /// <param name="sshPort">The command's <c>--ssh-port</c> option.</param>
    /// <returns>The runner.</returns>
    public static RemoteRunner For(ParseResult parse, GlobalOptions globals, CliContext context, Option<long?> sshPort)
    {
        var (settings, error) = SettingsBuilder.Settings(parse, globals, context.Variables);
        if (settings is null) throw new InvalidOperationException($"the settings were checked before the command ran: {error}");
        return new RemoteRunner(context, SettingsBuilder.Ssh(settings, context), parse.GetValue(sshPort) ?? RemoteFlags.DefaultSshPort);
    }

    /// <summary>The <c>--ssh-port</c> value.</summary>
    public long SshPort => sshPort;

    /// <summary>
    /// fleetctl's <c>runCommand</c>: runs <paramref name="command"/> with <paramref name="args"/> on
    /// the machine, printing fleetctl's messages when it cannot.
    /// </summary>
    /// <param name="cluster">The API, for the machine's address.</param>
    /// <param name="machineId">The machine's id.</param>
    /// <param name="command">The program.</param>
    /// <param name="args">Its arguments, each quoted for the remote shell as Go's <c>%q</c> quotes it.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>The command's exit code; -1 when it could not be run; 0 when the machine's address is unknown, as fleetctl has it.</returns>
    public async Task<int> RunCommandAsync(ClusterLookup cluster, string machineId, string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (LocalCommand.IsThisMachine(machineId, machineIdFile))
        {
            var (code, failure) = await LocalCommand.RunAsync(command, args, context, cancellationToken).ConfigureAwait(false);
            if (failure is not null) context.Error($"Error running local command: {failure}");
            return code;
        }
        var (machines, error) = await cluster.MachinesAsync(cancellationToken).ConfigureAwait(false);
        var machine = machines?.FirstOrDefault(candidate => candidate.Id == machineId);
        if (machine is null)
        {
            // Go prints a nil error as <nil>; fleetctl then goes on with exit code 0.
            context.Error($"Error getting machine IP: {error ?? "<nil>"}");
            return 0;
        }
        var commandLine = command + string.Concat(args.Select(arg => " " + Core.Text.GoQuoting.Quote(arg)));
        var address = RemoteFlags.WithSshPort(machine.PrimaryIp ?? "", sshPort);
        var (connected, refused) = await ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        if (connected is null)
        {
            context.Error($"Unable to SSH to remote host: {refused}");
            return -1;
        }
        using (connected)
        {
            var (exit, broken) = await ExecuteAsync(connected, commandLine, cancellationToken).ConfigureAwait(false);
            if (broken is not null) context.Error($"Unable to SSH to remote host: {broken}");
            return exit;
        }
    }

    /// <summary>Opens the SSH session with a machine, through the tunnel when there is one.</summary>
    /// <param name="address">The machine's address, <c>host[:port]</c>.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The session, or why there is none.</returns>
    public async Task<(RemoteHost? Host, string? Error)> ConnectAsync(string address, CancellationToken cancellationToken)
    {
        var connected = await RemoteHost.ConnectAsync(address, ssh, cancellationToken).ConfigureAwait(false);
        return connected.Match(host => ((RemoteHost?)host, (string?)null), error => (null, error.Message));
    }

    /// <summary>fleet's <c>ssh.Execute</c>: runs a command line with the run's standard streams.</summary>
    /// <param name="host">The session.</param>
    /// <param name="commandLine">The command line for the remote shell.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>Its exit code, or -1 and why there is none.</returns>
    public async Task<(int Exit, string? Error)> ExecuteAsync(RemoteHost host, string commandLine, CancellationToken cancellationToken)
    {
        await using var output = OutputStreams.For(context.Stdout);
        await using var error = OutputStreams.For(context.Stderr);
        var ran = await host.RunAsync(commandLine, context.Stdin, output, error, cancellationToken).ConfigureAwait(false);
        return ran.Match(
            exit => RemoteExitCodes.Of(exit) is { } code ? (code, (string?)null) : (-1, RemoteExitCodes.Missing),
            failure => (-1, failure.Message));
    }

    /// <summary>fleet's <c>ssh.Shell</c>: an interactive shell with the run's standard streams, in a pseudo-terminal when standard input is a terminal.</summary>
    /// <param name="host">The session.</param>
    /// <param name="cancellationToken">Closes the shell.</param>
    /// <returns>Null when the shell ended, else why it could not be run.</returns>
    public async Task<string?> ShellAsync(RemoteHost host, CancellationToken cancellationToken)
    {
        await using var output = OutputStreams.For(context.Stdout);
        await using var error = OutputStreams.For(context.Stderr);
        if (!context.StdinIsTerminal)
        {
            var plain = await host.ShellAsync(context.Stdin, output, error, null, cancellationToken).ConfigureAwait(false);
            return plain.MatchUnsafe(_ => (string?)null, failure => failure.Message);
        }
        using var raw = TerminalMode.Raw();
        var terminal = new RemoteTerminal("xterm-256color", raw.Columns, raw.Rows);
        var shell = await host.ShellAsync(context.Stdin, output, error, terminal, cancellationToken).ConfigureAwait(false);
        return shell.MatchUnsafe(_ => (string?)null, failure => failure.Message);
    }
}
