using System.Diagnostics;

namespace Fleet.Tests.Shared;

/// <summary>
/// What the fixtures that run a real daemon (OpenSSH's sshd, etcd) share: reading the log it
/// keeps open for writing, and stopping it with whatever it started.
/// </summary>
internal static class DaemonProcess
{
    /// <summary>The log so far, or nothing when the daemon has not written it yet.</summary>
    /// <param name="path">The log file.</param>
    /// <returns>Its text.</returns>
    public static string ReadLog(string path)
    {
        try
        {
            // The daemon holds the file open for writing: share it.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "";
        }
    }

    /// <summary>Kills the daemon and its children, by process id, and waits for them without blocking a thread.</summary>
    /// <param name="process">The daemon.</param>
    /// <returns>When they are gone.</returns>
    public static async Task StopAsync(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
    }

    /// <summary>Kills the daemon and its children, by process id, and waits for them.</summary>
    /// <param name="process">The daemon.</param>
    public static void Stop(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
