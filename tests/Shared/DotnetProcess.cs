using System.Diagnostics;

namespace Fleet.Tests.Shared;

/// <summary>A command run as a user would run it (dotnet, a tool, a shell), quietly, within a deadline, that must succeed.</summary>
internal static class DotnetProcess
{
    /// <summary>Runs <paramref name="program"/>; its standard output, or a failed assertion that shows both outputs.</summary>
    /// <param name="program">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="environment">Variables set for it, over this process's.</param>
    /// <param name="deadline">How long it may take before it is killed with its children.</param>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{await output}{await errors}");
            return await output;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
