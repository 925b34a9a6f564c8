using System.ComponentModel;
using System.Diagnostics;

namespace Fleet.Cli.Remote;

/// <summary>fleetctl's <c>runLocalCommand</c>: a command run here when the unit's machine is this one.</summary>
internal static class LocalCommand
{
    /// <summary>Where systemd keeps this machine's id, which fleet names machines by.</summary>
    public const string MachineIdFile = "/etc/machine-id";

    /// <summary>fleet's <c>IsLocalMachineID</c>: whether <paramref name="machineId"/> is the id in <paramref name="machineIdFile"/>.</summary>
    /// <param name="machineId">A machine's id.</param>
    /// <param name="machineIdFile">The file holding this machine's id.</param>
    /// <returns>Whether it names this machine; false when the file cannot be read or is empty.</returns>
    public static bool IsThisMachine(string machineId, string machineIdFile)
    {
        try
        {
            var local = File.ReadAllText(machineIdFile).Trim();
            return local.Length > 0 && local == machineId;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Runs the program (found on this process's PATH) with the run's output and error, and this process's input.</summary>
    /// <param name="command">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="context">Where its output goes.</param>
    /// <param name="cancellationToken">Kills it.</param>
    /// <returns>Its exit code, or -1 and why it could not run.</returns>
    public static async Task<(int Exit, string? Error)> RunAsync(string command, IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception)
        {
            // Go's exec.LookPath error.
            return (-1, $"exec: {Core.Text.GoQuoting.Quote(command)}: executable file not found in $PATH");
        }
        using (process)
        {
            await using var output = OutputStreams.For(context.Stdout);
            await using var error = OutputStreams.For(context.Stderr);
            var copies = Task.WhenAll(
                process.StandardOutput.BaseStream.CopyToAsync(output, CancellationToken.None),
                process.StandardError.BaseStream.CopyToAsync(error, CancellationToken.None));
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            await copies.ConfigureAwait(false);
            return (process.ExitCode, null);
        }
    }
}
