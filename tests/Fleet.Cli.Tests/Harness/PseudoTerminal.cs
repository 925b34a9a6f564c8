using System.Diagnostics;
using System.Text;

namespace Fleet.Cli.Tests.Harness;

/// <summary>
/// Runs the command line as a process on a pseudo-terminal: util-linux <c>script</c> gives it one
/// and copies what the terminal shows (both of its streams, with the terminal's CR LF) to its own
/// output. The environment is <see cref="CliProcess"/>'s, with the terminal type given and a
/// UTF-8 locale.
/// </summary>
internal static class PseudoTerminal
{
    /// <summary>Runs the command line on a terminal.</summary>
    /// <param name="term">The terminal type (<c>TERM</c>).</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The exit code and everything the terminal was sent.</returns>
    public static async Task<(int Exit, string Shown)> RunAsync(string term, string workingDirectory, params string[] arguments)
    {
        var command = string.Join(' ', CliProcess.Command().Concat(arguments).Select(Quote));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { "--quiet", "--return", "--command", command, "/dev/null" }) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("FLEETCTL_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["TERM"] = term;
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment.Remove("NO_COLOR");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start");
        using var deadline = new CancellationTokenSource(CliProcess.DefaultDeadline);
        try
        {
            // Standard input stays open until the end: script passes its end on to the terminal.
            var output = ReadAllAsync(process.StandardOutput.BaseStream, deadline.Token);
            var errors = ReadAllAsync(process.StandardError.BaseStream, deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            Assert.Equal("", await errors);
            return (process.ExitCode, await output);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<string> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return new UTF8Encoding(false, true).GetString(buffer.ToArray());
    }
}
