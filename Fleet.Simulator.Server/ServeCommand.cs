using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using Fleet.Simulator.Hosting;

namespace Fleet.Simulator.Server;

/// <summary>The process's command line: where to listen, how big a cluster, then serve until told to stop.</summary>
internal static class ServeCommand
{
    public static Task<int> InvokeAsync(string[] args) =>
        // ShutdownSignals stops the server; System.CommandLine's own handler would force exit code 130/143 after two seconds.
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    public static RootCommand Create()
    {
        var unix = new Option<string?>("--unix")
        {
            HelpName = "PATH",
            Description = "Listen on a unix socket at PATH (a stale socket file there is replaced; removed on exit).",
        };
        unix.Validators.Add(result => AddError(result, result.GetValueOrDefault<string?>() is { } path ? FleetServerArguments.ValidateUnixSocketPath(path) : null));

        var tcp = new Option<IPEndPoint?>("--tcp")
        {
            HelpName = "HOST:PORT",
            Description = "Listen on TCP at HOST:PORT, e.g. 127.0.0.1:4001 or [::1]:0 (port 0: any free port). With neither --unix nor --tcp: 127.0.0.1:0.",
            CustomParser = ParseTcp,
        };

        var machines = new Option<int>("--machines")
        {
            HelpName = "N",
            Description = "How many machines the simulated cluster has.",
            DefaultValueFactory = _ => FleetServerArguments.DefaultMachineCount,
            CustomParser = result => ParseInt(result, "--machines", FleetServerArguments.ValidateMachineCount),
        };

        var agentDelay = new Option<int>("--agent-delay")
        {
            HelpName = "MS",
            Description = "How many milliseconds the simulated agents take to act on a change.",
            DefaultValueFactory = _ => FleetServerArguments.DefaultAgentDelayMilliseconds,
            CustomParser = result => ParseInt(result, "--agent-delay", FleetServerArguments.ValidateAgentDelay),
        };

        var root = new RootCommand("Serves fleet's v1 API from a simulated cluster until Ctrl+C or SIGTERM.") { unix, tcp, machines, agentDelay };
        root.SetAction((parse, cancellationToken) => ServeAsync(
            FleetServerArguments.ToOptions(parse.GetValue(unix), parse.GetValue(tcp), parse.GetValue(machines), parse.GetValue(agentDelay)),
            parse.InvocationConfiguration,
            cancellationToken));
        return root;
    }

    private static Task<int> ServeAsync(FleetServerOptions options, InvocationConfiguration console, CancellationToken cancellationToken) =>
        FleetServerHost.ServeUntilStoppedAsync(options, console.Output, console.Error, cancellationToken);

    private static IPEndPoint? ParseTcp(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (FleetServerArguments.TryParseTcp(text, out var endPoint, out var error)) return endPoint;
        result.AddError($"--tcp: {error}");
        return null;
    }

    // One parser for conversion and range, so a value that is not a number never reaches a range check.
    private static int ParseInt(ArgumentResult result, string option, Func<int, string?> validate)
    {
        var text = result.Tokens[0].Value;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError(text.TrimStart('-').All(char.IsAsciiDigit) && text.Trim('-').Length > 0
                ? $"{option}: '{text}' is out of range"
                : $"{option}: '{text}' is not a whole number");
        }
        else if (validate(value) is { } error)
        {
            result.AddError($"{option}: {error}");
        }
        return value;
    }

    private static void AddError(OptionResult result, string? error)
    {
        if (error is not null) result.AddError($"{result.Option.Name}: {error}");
    }
}
