using System.CommandLine;
using System.Globalization;
using Fleet.Cli.Help;
using Fleet.Cli.Parsing;
using Fleet.Cli.Remote;
using Fleet.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl journal</c>: a unit's journal, read with <c>journalctl</c> on the machine it is on.</summary>
internal static class JournalCommand
{
    private const int DefaultLines = 10;
    private const string DefaultOutput = "short";

    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "journal",
        "journal [--lines=N] [--ssh-port=N] [-f|--follow] [--output=STRING] <unit>",
        "Print the journal of a unit in the cluster to stdout",
        "Outputs the journal of a unit by connecting to the machine that the unit occupies.\n" +
        "\n" +
        "Read the last 10 lines:\n" +
        "fleetctl journal foo.service\n" +
        "\n" +
        "Read the last 100 lines:\n" +
        "fleetctl journal --lines 100 foo.service\n" +
        "\n" +
        "This command does not work with global units.",
        "      --f               Shorthand for --follow\n" +
        "      --follow          Continuously print new entries as they are appended to the journal.\n" +
        "      --lines int       Number of recent log lines to return (default 10)\n" +
        "      --output string   Output mode. This will be passed unaltered to journalctl on the remote host, and hence supports the same modes as that command. (default \"short\")\n" +
        "      --ssh-port int    Connect to remote hosts over SSH using this TCP port (default 22)\n" +
        "      --sudo            Execute journal command with sudo\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes, and the terminal for the remote command.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var lines = RemoteFlags.Integer("--lines", "Number of recent log lines to return");
        var follow = GoBooleanFlags.Create("--follow", "Continuously print new entries as they are appended to the journal.");
        // A long flag named f, as in fleetctl: -f is refused as an unknown shorthand, as fleetctl refuses it.
        var followShorthand = GoBooleanFlags.Create("--f", "Shorthand for --follow");
        var sshPort = RemoteFlags.SshPort();
        var sudo = GoBooleanFlags.Create("--sudo", "Execute journal command with sudo");
        var output = PflagText.Create("--output", "Output mode, passed unaltered to journalctl on the remote host.");
        var command = CommandShape.Create(Help);
        foreach (var option in new Option[] { followShorthand, follow, lines, output, sshPort, sudo }) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => RunAsync(
            context,
            setup,
            RemoteRunner.For(parse, globals, context, sshPort),
            parse.GetValue<string[]>("args") ?? [],
            new JournalFlags(
                parse.GetValue(lines) ?? DefaultLines,
                (parse.GetValue(follow) ?? false) || (parse.GetValue(followShorthand) ?? false),
                parse.GetValue(sudo) ?? false,
                parse.GetValue(output) ?? DefaultOutput),
            token), cancellationToken));
        return command;
    }

    // fleetctl's runJournal.
    private static async Task<int> RunAsync(CliContext context, ClientSetup setup, RemoteRunner runner, string[] args, JournalFlags flags, CancellationToken cancellationToken)
    {
        if (args.Length != 1)
        {
            context.Error("One unit file must be provided.");
            return 1;
        }
        var name = UnitArguments.Mangle(args[0]);
        try
        {
            await using var cluster = await ClusterLookup.ConnectAsync(setup, cancellationToken).ConfigureAwait(false);
            var (unit, error) = await cluster.UnitAsync(name, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                context.Error($"Error retrieving unit {name}: {error}");
                return 1;
            }
            if (unit is null)
            {
                context.Error($"Unit {name} does not exist.");
                return 1;
            }
            if (ClusterLookup.IsGlobal(unit))
            {
                context.Error($"Unable to retrieve journal of global unit {name}.");
                return 1;
            }
            if (unit.CurrentState == DesiredState.Inactive)
            {
                context.Error($"Unit {name} does not appear to be running.");
                return 1;
            }
            var journalctl = new List<string> { "journalctl", "--unit", name, "--no-pager", "-n", flags.Lines.ToString(CultureInfo.InvariantCulture), "--output", flags.Output };
            if (flags.Sudo) journalctl.Insert(0, "sudo");
            if (flags.Follow) journalctl.Add("-f");
            return await runner.RunCommandAsync(cluster, unit.MachineId ?? "", journalctl[0], journalctl[1..], cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return RemoteCancellation.ExitCode;
        }
    }

    private sealed record JournalFlags(long Lines, bool Follow, bool Sudo, string Output);
}
