namespace Fleet.Ssh.Tunnel;

/// <summary><c>~</c> in a path, as the shell and fleetctl expand it.</summary>
internal static class HomePath
{
    public static string Home(string? home) =>
        home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);

    public static string Expand(string path, string? home) =>
        path == "~" ? Home(home)
        : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Home(home), path[2..])
        : path;
}
