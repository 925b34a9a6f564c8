using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Fleet.Cli.Tests.Harness;

/// <summary>
/// Runs the built command line (Fleet.Cli.dll in its own build output) as a real process with
/// <c>dotnet</c>, or, when <c>FLEET_CLI_NATIVE</c> names one, the natively published executable, so
/// the same tests hold for both builds: arguments passed one by one, standard input closed at once,
/// both outputs captured as bytes decoded as UTF-8, and a deadline after which the process tree is
/// killed. The environment is this process's without <c>FLEETCTL_*</c>, plus what a test gives.
/// </summary>
internal static class CliProcess
{
    /// <summary>How long a run may take by default.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The command line's assembly.</summary>
    public static string AssemblyPath { get; } = typeof(CliProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "FleetCliAssembly").Value!;

    /// <summary>The natively published executable the tests run instead of the assembly, when <c>FLEET_CLI_NATIVE</c> names one.</summary>
    public static string? NativePath { get; } = Environment.GetEnvironmentVariable("FLEET_CLI_NATIVE") is { Length: > 0 } native
        ? File.Exists(native) ? Path.GetFullPath(native) : throw new FileNotFoundException($"FLEET_CLI_NATIVE names no file: {native}", native)
        : null;

    /// <summary>The program and first arguments that start the command line: the native executable, or <paramref name="dotnet"/> with the assembly.</summary>
    /// <param name="dotnet">The dotnet host to start the assembly with.</param>
    /// <returns>The words before the command line's own arguments.</returns>
    public static IReadOnlyList<string> Command(string dotnet = "dotnet") =>
        NativePath is { } native ? [native] : [dotnet, AssemblyPath];

    /// <summary>Runs the command line.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    /// <param name="workingDirectory">The working directory; this process's when null.</param>
    /// <param name="deadline">How long it may run; <see cref="DefaultDeadline"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting (and kills the process).</param>
    /// <returns>The exit code and outputs.</returns>
    public static async Task<CliResult> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        TimeSpan? deadline = null,
        CancellationToken cancellationToken = default)
    {
        var start = StartInfo(arguments, environment, workingDirectory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("fleetctl-net did not start");
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline ?? DefaultDeadline);
        var stdout = ReadAllAsync(process.StandardOutput.BaseStream, timeout.Token);
        var stderr = ReadAllAsync(process.StandardError.BaseStream, timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return new CliResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fleetctl-net {string.Join(' ', start.ArgumentList.Skip(Command().Count - 1))} did not finish within {deadline ?? DefaultDeadline}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// How the command line is started: <see cref="Command"/> and the arguments, all three
    /// standard streams redirected, in the environment described on <see cref="CliProcess"/>.
    /// </summary>
    /// <param name="arguments">The arguments.</param>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    /// <param name="workingDirectory">The working directory; this process's when null.</param>
    /// <returns>The start info.</returns>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var command = Command();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var word in command.Skip(1)) start.ArgumentList.Add(word);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The developer's own fleetctl settings must not leak into the comparison.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("FLEETCTL_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return start;
    }

    private static async Task<string> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        // Strict decoding: a byte the command line should not have written fails the comparison loudly.
        return new UTF8Encoding(false, true).GetString(buffer.ToArray());
    }
}
