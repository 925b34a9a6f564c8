using Fleet.Core;

namespace Fleet.UnitFiles.Tests;

internal static class OptionOrder
{
    /// <summary>The order fleet writes options in: stably grouped by section, sections in first-seen order.</summary>
    public static List<UnitOption> GroupedBySection(IEnumerable<UnitOption> options) =>
        [.. options.Select((option, index) => (option, index))
            .GroupBy(x => x.option.Section, StringComparer.Ordinal)
            .SelectMany(group => group.Select(x => x.option))];
}
