using System.Buffers;
using Fleet.Core;
using Fleet.Core.Collections;

namespace Fleet.Unit.Parsing;

/// <summary>Collects options in a pooled array; the result is one exactly sized array.</summary>
internal struct OptionListBuilder : IDisposable
{
    private UnitOption[]? items;
    private int count;

    public void Add(UnitOption option)
    {
        items ??= ArrayPool<UnitOption>.Shared.Rent(16);
        if (count == items.Length)
        {
            var larger = ArrayPool<UnitOption>.Shared.Rent(items.Length * 2);
            items.AsSpan(0, count).CopyTo(larger);
            Return();
            items = larger;
        }
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
        Return();
        items = null;
        count = 0;
    }

    private readonly void Return()
    {
        if (items is null) return;
        items.AsSpan(0, count).Clear();
        ArrayPool<UnitOption>.Shared.Return(items);
    }
}
