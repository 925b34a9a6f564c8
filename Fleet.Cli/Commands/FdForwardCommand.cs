using System.CommandLine;
using System.Net.Sockets;
using Fleet.Cli.Forwarding;
using Fleet.Cli.Help;
using Fleet.Cli.Parsing;

namespace Fleet.Cli.Commands;

/// <summary>
/// <c>fleetctl fd-forward SOCKET</c>: standard input to a unix socket and the socket to standard
/// output, so that this command line can be the remote end of a tunnel to fleet's unix socket.
/// </summary>
internal static class FdForwardCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "fd-forward",
        "fd-forward SOCKET",
        "Proxy stdin and stdout to a unix domain socket",
        "fleetctl utilizes fd-forward when --tunnel is used and --endpoint is a unix socket. This command is not intended to be called by users directly.",
        "");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes its errors.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var args = (Argument<string[]>)command.Arguments[0];
        // Through the client wrapper like every fleetctl command: a bad --endpoint fails even here.
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (_, token) => RunAsync(
            context,
            parse.GetValue(args) ?? [],
            token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string[] args, CancellationToken cancellationToken)
    {
        if (args.Length != 1)
        {
            context.Error("Provide a single argument");
            return 1;
        }
        var path = args[0];
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            context.Error($"Failed dialing remote address: dial unix {path}: connect: {DialErrorText(e)}");
            // fleetctl's runFDForward returns its zero exit code here (a bare return), so a caller sees 0.
            return 0;
        }

        // The raw streams: what passes through is bytes, not text, and must not wait in a writer's buffer.
        await using var input = StandardStreams.OpenInput();
        await using var output = StandardStreams.OpenOutput();
        try
        {
            await SocketForwarder.ForwardAsync(input, output, socket, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            context.Error($"Encountered error during copy: {GoErrorText(e)}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted: the copy stops as fleetctl's does when it is killed, with nothing more to say.
            return 1;
        }
    }

    // .NET folds ENOENT (no socket file there) into AddressNotAvailable, and refuses a path too
    // long for a socket address before the system sees it (Go hears EINVAL from connect).
    private static string DialErrorText(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "no such file or directory",
        ArgumentException => "invalid argument",
        _ => GoErrorText(e),
    };

    // The system's message as Go's syscall.Errno spells it: "No such file or directory" becomes "no such file or directory".
    private static string GoErrorText(Exception e) =>
        e.Message.Length == 0 ? e.GetType().Name : char.ToLowerInvariant(e.Message[0]) + e.Message[1..];
}
