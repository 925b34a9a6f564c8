using System.Diagnostics;

namespace Fleet.Tests.Shared.Ssh;

/// <summary>Runs OpenSSH's command-line tools (ssh-keygen, ssh-add, ssh-keyscan) and says clearly when one is missing or fails.</summary>
public static class SshTool
{
    /// <summary>Runs <paramref name="tool"/> to completion and returns its standard output.</summary>
    /// <param name="tool">The program, found on PATH or given as a path.</param>
    /// <param name="arguments">Its arguments, passed without a shell.</param>
    /// <param name="environment">Extra environment variables, such as <c>SSH_AUTH_SOCK</c>.</param>
    /// <param name="cancellationToken">Stops waiting and kills the process.</param>
    /// <returns>What the tool wrote to standard output.</returns>
    /// <exception cref="InvalidOperationException">The tool is missing or exited with a status other than 0.</exception>
    public static async Task<string> RunAsync(
        string tool, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} cannot be run ({e.Message}); test.sh installs Debian's openssh-server, openssh-client and socat", e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()}");
            }
            return await output.ConfigureAwait(false);
        }
    }
}
