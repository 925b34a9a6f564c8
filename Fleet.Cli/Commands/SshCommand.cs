using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Parsing;
using Fleet.Cli.Remote;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl ssh</c>: a shell, or a command, on a machine of the cluster or the machine a unit is on.</summary>
internal static class SshCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "ssh",
        "ssh [-A|--forward-agent] [--ssh-port=N] [--machine|--unit] {MACHINE|UNIT}",
        "Open interactive shell on a machine in the cluster",
        "Open an interactive shell on a specific machine in the cluster or on the machine\n" +
        "where the specified unit is located.\n" +
        "\n" +
        "fleetctl tries to detect whether your first argument is a machine or a unit.\n" +
        "To skip this check use the --machine or --unit flags.\n" +
        "\n" +
        "Open a shell on a machine:\n" +
        "fleetctl ssh 2444264c-eac2-4eff-a490-32d5e5e4af24\n" +
        "\n" +
        "Open a shell from your laptop, to the machine running a specific unit, using a\n" +
        "cluster member as a bastion host:\n" +
        "fleetctl --tunnel 10.10.10.10 ssh foo.service\n" +
        "\n" +
        "Open a shell on a machine and forward the authentication agent connection:\n" +
        "fleetctl ssh --forward-agent 2444264c-eac2-4eff-a490-32d5e5e4af24\n" +
        "\n" +
        "\n" +
        "Tip: Create an alias for --tunnel.\n" +
        "- Add \"alias fleetctl=fleetctl --tunnel 10.10.10.10\" to your bash profile.\n" +
        "- Now you can run all fleet commands locally.\n" +
        "\n" +
        "This command does not work with global units.",
        "      --A                Shorthand for --forward-agent\n" +
        "      --forward-agent    Forward local ssh-agent to target machine.\n" +
        "      --machine string   Open SSH connection to a specific machine.\n" +
        "      --ssh-port int     Connect to remote hosts over SSH using this TCP port. (default 22)\n" +
        "      --unit string      Open SSH connection to machine running provided unit.\n");

    /// <summary>What is said of <c>--forward-agent</c>, which this command line cannot do.</summary>
    public const string NoAgentForwarding =
        "agent forwarding (--forward-agent, --A) is not available: SSH.NET, the SSH implementation of this command line, cannot forward an ssh-agent; run ssh -A to the machine instead";

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes, and the terminal for the remote shell.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var machine = PflagText.Create("--machine", "Open SSH connection to a specific machine.");
        var unit = PflagText.Create("--unit", "Open SSH connection to machine running provided unit.");
        var forwardAgent = GoBooleanFlags.Create("--forward-agent", "Forward local ssh-agent to target machine.");
        // A long flag named A, as in fleetctl: -A is refused as an unknown shorthand, as fleetctl refuses it.
        var forwardAgentShorthand = GoBooleanFlags.Create("--A", "Shorthand for --forward-agent");
        var sshPort = RemoteFlags.SshPort();
        var command = CommandShape.Create(Help);
        foreach (var option in new Option[] { forwardAgentShorthand, forwardAgent, machine, sshPort, unit }) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => RunAsync(
            context,
            setup,
            RemoteRunner.For(parse, globals, context, sshPort),
            parse.GetValue<string[]>("args") ?? [],
            new Target(parse.GetValue(machine) ?? "", parse.GetValue(unit) ?? ""),
            (parse.GetValue(forwardAgent) ?? false) || (parse.GetValue(forwardAgentShorthand) ?? false),
            token), cancellationToken));
        return command;
    }

    // fleetctl's runSSH.
    private static async Task<int> RunAsync(CliContext context, ClientSetup setup, RemoteRunner runner, string[] args, Target target, bool forwardAgent, CancellationToken cancellationToken)
    {
        if (target.Unit.Length > 0 && target.Machine.Length > 0)
        {
            context.Error("Both machine and unit flags provided, please specify only one.");
            return 1;
        }
        try
        {
            await using var cluster = await ClusterLookup.ConnectAsync(setup, cancellationToken).ConfigureAwait(false);
            return await SshAsync(context, runner, cluster, args, target, forwardAgent, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return RemoteCancellation.ExitCode;
        }
    }

    private static async Task<int> SshAsync(CliContext context, RemoteRunner runner, ClusterLookup cluster, string[] args, Target target, bool forwardAgent, CancellationToken cancellationToken)
    {
        string address;
        string? error;
        if (target.Machine.Length > 0)
        {
            (address, _, error) = await MachineAddresses.OfMachineAsync(cluster, target.Machine, cancellationToken).ConfigureAwait(false);
        }
        else if (target.Unit.Length > 0)
        {
            (address, _, error) = await MachineAddresses.OfUnitAsync(cluster, target.Unit, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            (address, error) = await MachineAddresses.OfEitherAsync(cluster, args, cancellationToken).ConfigureAwait(false);
            // The rest is the command to run.
            if (args.Length > 0) args = args[1..];
        }
        if (error is not null)
        {
            context.Error($"Unable to proceed: {error}");
            return 1;
        }
        if (address.Length == 0)
        {
            context.Error("Could not determine address of machine.");
            return 1;
        }
        address = RemoteFlags.WithSshPort(address, runner.SshPort);
        args = TrimToDashes(args);

        if (forwardAgent)
        {
            context.Error($"Failed building SSH client: {NoAgentForwarding}");
            return 1;
        }
        var (host, refused) = await runner.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        if (host is null)
        {
            context.Error($"Failed building SSH client: {refused}");
            return 1;
        }
        using (host)
        {
            if (args.Length > 0)
            {
                // Joined as they are, unquoted, as fleetctl does: the remote shell reads them anew.
                var (exit, failure) = await runner.ExecuteAsync(host, string.Join(' ', args), cancellationToken).ConfigureAwait(false);
                if (failure is not null) context.Error($"Failed running command over SSH: {failure}");
                return exit;
            }
            if (await runner.ShellAsync(host, cancellationToken).ConfigureAwait(false) is { } broken)
            {
                context.Error($"Failed opening shell over SSH: {broken}");
                return 1;
            }
            return 0;
        }
    }

    // fleet's pkg.TrimToDashes: what follows the first "--", or everything when there is none.
    private static string[] TrimToDashes(string[] args)
    {
        var dashes = Array.IndexOf(args, "--");
        return dashes < 0 ? args : args[(dashes + 1)..];
    }

    private sealed record Target(string Machine, string Unit);
}
