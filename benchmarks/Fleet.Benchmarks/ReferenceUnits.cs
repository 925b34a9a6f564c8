using System.Text.Json;
using Fleet.Tests.Shared;

namespace Fleet.Benchmarks;

/// <summary>The reference unit files fleet accepted, loaded once into memory.</summary>
internal static class ReferenceUnits
{
    /// <summary>
    /// Every tests/fleet-reference/units/*.unit whose expected.json has no "error" property, in
    /// file-name order. The JSON is parsed rather than searched, so a value that happens to read
    /// "error" does not drop a case.
    /// </summary>
    public static byte[][] Accepted() =>
        [.. Directory.EnumerateFiles(ReferenceData.Folder("units", "FLEET_UNIT_CASES"), "*.unit")
            .Order(StringComparer.Ordinal)
            .Where(IsAccepted)
            .Select(File.ReadAllBytes)];

    private static bool IsAccepted(string unitPath)
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(unitPath, ".expected.json")));
        return !expected.RootElement.TryGetProperty("error", out _);
    }
}
