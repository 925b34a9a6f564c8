namespace Fleet.Tests.Shared;

/// <summary>Finds the captures of the real fleet (tests/fleet-reference), or a folder the environment names instead.</summary>
internal static class ReferenceData
{
    /// <summary>The folder of a reference corpus: the environment variable's value when set, else tests/fleet-reference/<paramref name="folder"/>.</summary>
    public static string Folder(string folder, string environmentVariable)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        var root = RepositoryRoot.Find() ?? throw new DirectoryNotFoundException($"no Fleet.sln above {AppContext.BaseDirectory}; set {environmentVariable}");
        return Path.Combine(root, "tests", "fleet-reference", folder);
    }
}
