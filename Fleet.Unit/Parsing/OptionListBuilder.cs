using Fleet.Core;
using Fleet.Core.Collections;

namespace Fleet.UnitFiles.Parsing;

/// <summary>
/// Collects options in a per-thread scratch array (a unit file is parsed start to end on one
/// thread); the result is one exactly sized copy. Renting from a shared pool per file cost about
/// a tenth of parsing a typical unit.
/// </summary>
internal struct OptionListBuilder : IDisposable
{
    private const int KeptCapacity = 1024;

    [ThreadStatic]
    private static UnitOption[]? scratch;

    private UnitOption[]? items;
    private int count;

    public void Add(UnitOption option)
    {
        if (items is null)
        {
            items = scratch ?? new UnitOption[32];
            scratch = null;
        }
        if (count == items.Length) Array.Resize(ref items, items.Length * 2);
        items[count++] = option;
    }

    public ValueList<UnitOption> ToList()
    {
        if (items is null) return ValueList<UnitOption>.Empty;
        var list = ValueList<UnitOption>.Create(items.AsSpan(0, count));
        Dispose();
        return list;
    }

    public void Dispose()
    {
        if (items is null) return;
        // Drop the references so the scratch array keeps no unit alive; keep it unless it grew huge.
        items.AsSpan(0, count).Clear();
        if (items.Length <= KeptCapacity) scratch = items;
        items = null;
        count = 0;
    }
}
