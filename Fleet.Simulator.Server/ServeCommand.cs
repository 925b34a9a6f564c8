using System.CommandLine;

namespace Fleet.Simulator.Server;

/// <summary>The process's command line: <see cref="FleetServe"/>'s flags, read by System.CommandLine, then serve until told to stop.</summary>
internal static class ServeCommand
{
    public static Task<int> InvokeAsync(string[] args) =>
        // FleetServe stops the server on SIGINT/SIGTERM; System.CommandLine's own handler would force exit code 130/143 after two seconds.
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    public static RootCommand Create()
    {
        var root = new RootCommand("Serves fleet's v1 API from a simulated cluster until Ctrl+C or SIGTERM.");
        var flags = FleetServe.Flags
            .Select(flag => (flag.Name, Option: new Option<string?>("--" + flag.Name) { HelpName = flag.ValueKind, Description = flag.Description + "." }))
            .ToList();
        foreach (var (_, option) in flags) root.Options.Add(option);
        root.SetAction((parse, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, option) in flags)
            {
                if (parse.GetValue(option) is { } value) values[name] = value;
            }
            return FleetServe.RunAsync(values, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return root;
    }
}
