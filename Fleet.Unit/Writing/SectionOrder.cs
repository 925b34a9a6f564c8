using System.Buffers;
using Fleet.Core;

namespace Fleet.UnitFiles.Writing;

/// <summary>
/// The order go-systemd writes options in when a file's sections are interleaved: a stable
/// counting sort by the section's first appearance, in linear time however many sections.
/// </summary>
internal readonly struct SectionOrder : IDisposable
{
    // Up to this many sections are numbered by comparing with the sections seen so far, which
    // allocates nothing; past it a dictionary keeps the numbering linear.
    private const int LinearSections = 16;

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
        Span<int> firstOptionOf = stackalloc int[LinearSections];
        Dictionary<string, int>? numberOf = null;
        var sections = 0;
        for (var i = 0; i < options.Length; i++)
        {
            var name = options[i].Section;
            int section;
            if (numberOf is null)
            {
                section = Seen(options, firstOptionOf[..sections], name);
                if (section < 0 && sections < LinearSections)
                {
                    firstOptionOf[sections] = i;
                    section = sections++;
                }
                else if (section < 0)
                {
                    // Many sections: a dictionary numbers them from here on.
                    numberOf = new Dictionary<string, int>(2 * LinearSections, StringComparer.Ordinal);
                    for (var s = 0; s < sections; s++) numberOf.Add(options[firstOptionOf[s]].Section, s);
                    numberOf.Add(name, sections);
                    section = sections++;
                }
            }
            else if (!numberOf.TryGetValue(name, out section))
            {
                numberOf.Add(name, sections);
                section = sections++;
            }
            sectionOf[i] = section;
        }

        var starts = ArrayPool<int>.Shared.Rent(sections + 1);
        starts.AsSpan(0, sections + 1).Clear();
        for (var i = 0; i < options.Length; i++) starts[sectionOf[i] + 1]++;
        for (var s = 1; s <= sections; s++) starts[s] += starts[s - 1];

        var order = ArrayPool<int>.Shared.Rent(options.Length);
        for (var i = 0; i < options.Length; i++) order[starts[sectionOf[i]]++] = i;
        ArrayPool<int>.Shared.Return(starts);
        ArrayPool<int>.Shared.Return(sectionOf);
        return new SectionOrder(order, options.Length);
    }

    // The number of the section called name among those seen (each known by its first option), or -1.
    private static int Seen(ReadOnlySpan<UnitOption> options, ReadOnlySpan<int> firstOptionOf, string name)
    {
        for (var s = 0; s < firstOptionOf.Length; s++)
        {
            var seen = options[firstOptionOf[s]].Section;
            if (ReferenceEquals(seen, name) || seen == name) return s;
        }
        return -1;
    }

    public void Dispose() => ArrayPool<int>.Shared.Return(indices);
}
