namespace Fleet.Tests.Shared;

/// <summary>The checkout the tests run from: the nearest folder above the test's output that holds Fleet.sln.</summary>
internal static class RepositoryRoot
{
    /// <summary>The folder, or null when the tests run outside a checkout.</summary>
    public static string? Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fleet.sln"))) directory = directory.Parent;
        return directory?.FullName;
    }

    /// <summary>The folder; outside a checkout, an error that says so.</summary>
    public static string Require() =>
        Find() ?? throw new DirectoryNotFoundException($"no Fleet.sln above {AppContext.BaseDirectory}");
}
