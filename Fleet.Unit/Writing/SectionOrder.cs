using System.Buffers;
using Fleet.Core;

namespace Fleet.Unit.Writing;

/// <summary>
/// The order go-systemd writes options in when a file's sections are interleaved: a stable
/// counting sort by the section's first appearance, in linear time however many sections.
/// </summary>
internal readonly struct SectionOrder : IDisposable
{
    private readonly int[] indices;
    private readonly int count;

    private SectionOrder(int[] indices, int count)
    {
        this.indices = indices;
        this.count = count;
    }

    /// <summary>Option indices in writing order.</summary>
    public ReadOnlySpan<int> Indices => indices.AsSpan(0, count);

    public static SectionOrder Of(ReadOnlySpan<UnitOption> options)
    {
        var sectionOf = ArrayPool<int>.Shared.Rent(options.Length);
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Length; i++)
        {
            if (!firstSeen.TryGetValue(options[i].Section, out var section))
            {
                section = firstSeen.Count;
                firstSeen.Add(options[i].Section, section);
            }
            sectionOf[i] = section;
        }

        var starts = new int[firstSeen.Count + 1];
        for (var i = 0; i < options.Length; i++) starts[sectionOf[i] + 1]++;
        for (var s = 1; s < starts.Length; s++) starts[s] += starts[s - 1];

        var order = ArrayPool<int>.Shared.Rent(options.Length);
        for (var i = 0; i < options.Length; i++) order[starts[sectionOf[i]]++] = i;
        ArrayPool<int>.Shared.Return(sectionOf);
        return new SectionOrder(order, options.Length);
    }

    public void Dispose() => ArrayPool<int>.Shared.Return(indices);
}
