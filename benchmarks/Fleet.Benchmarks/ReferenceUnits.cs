using Fleet.Tests.Shared;

namespace Fleet.Benchmarks;

/// <summary>The reference unit files fleet accepted, loaded once into memory.</summary>
internal static class ReferenceUnits
{
    public static byte[][] Accepted() =>
        [.. Directory.EnumerateFiles(ReferenceData.Folder("units", "FLEET_UNIT_CASES"), "*.unit")
            .Order(StringComparer.Ordinal)
            .Where(file => !File.ReadAllText(Path.ChangeExtension(file, ".expected.json")).Contains("\"error\"", StringComparison.Ordinal))
            .Select(File.ReadAllBytes)];
}
