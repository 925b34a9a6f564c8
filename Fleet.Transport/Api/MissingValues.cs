using Fleet.Core;

namespace Fleet;

/// <summary>
/// What a decoded answer lacks that fleet always sends: a null in a list of units, states,
/// machines or options, a unit state without a name, a metadata value that is null. JSON allows
/// them and the decoder lets them through; a body that holds one is not fleet's. (A unit, option
/// or machine without its name refuses itself while being decoded.)
/// </summary>
internal static class MissingValues
{
    /// <summary>What is missing, in words, or null when nothing is.</summary>
    public static string? Find(object value) => value switch
    {
        FleetUnit unit => In(unit),
        UnitState state => In(state),
        Machine machine => In(machine),
        UnitPage page => InEach(page.Units, "unit", In),
        UnitStatePage page => InEach(page.States, "unit state", In),
        MachinePage page => InEach(page.Machines, "machine", In),
        _ => null,
    };

    private static string? In(FleetUnit unit)
    {
        var options = unit.Options;
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] is null) return $"option {i} of unit {unit.Name} is null";
        }
        return null;
    }

    private static string? In(UnitState state) => state.Name is null ? "a unit state has no name" : null;

    private static string? In(Machine machine)
    {
        foreach (var (key, metadata) in machine.Metadata)
        {
            if (metadata is null) return $"the metadata value {key} of machine {machine.Id} is null";
        }
        return null;
    }

    private static string? InEach<T>(IReadOnlyList<T> items, string what, Func<T, string?> inItem)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item) return $"{what} {i} of the page is null";
            if (inItem(item) is { } missing) return missing;
        }
        return null;
    }
}
