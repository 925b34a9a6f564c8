using Renci.SshNet;

namespace Fleet.Ssh.Tunnel;

/// <summary>Starting an SSH.NET command and reaching its input, the same way for the exec tunnel and for commands on machines.</summary>
internal static class SshCommands
{
    /// <summary>
    /// Starts <paramref name="exec"/> and answers its run once the channel is open. SSH.NET opens
    /// the channel synchronously inside ExecuteAsync, waiting for the server without a token, so
    /// that wait runs on the pool and ends here on <paramref name="cancellationToken"/>; a channel
    /// that opens after that is closed when it does.
    /// </summary>
    /// <param name="exec">The command, not yet started.</param>
    /// <param name="runToken">Ends the command once it runs.</param>
    /// <param name="cancellationToken">Ends the wait for the channel.</param>
    /// <returns>The command's run, which completes when it exits.</returns>
    public static async Task<Task> StartAsync(SshCommand exec, CancellationToken runToken, CancellationToken cancellationToken)
    {
        var opening = Task.Factory.StartNew(
            () => exec.ExecuteAsync(runToken), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        try
        {
            return await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _ = opening.ContinueWith(_ => exec.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// The command's standard input, or null when it has already ended: a command that fails at
    /// once can finish before its input is asked for, and SSH.NET then refuses to make one.
    /// </summary>
    /// <param name="exec">The started command.</param>
    /// <returns>Its input, or null.</returns>
    public static Stream? InputOf(SshCommand exec)
    {
        try
        {
            return exec.CreateInputStream();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
