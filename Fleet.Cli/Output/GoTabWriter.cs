using System.Text;

namespace Fleet.Cli.Output;

/// <summary>
/// Go's <c>text/tabwriter</c> as fleetctl configures it (<c>minwidth 0, tabwidth 8, padding 1,
/// padchar '\t', flags 0</c>): text is buffered, and on <see cref="Flush"/> every tab-terminated
/// cell is padded with tabs so that the columns of adjacent lines line up. fleetctl's tables and
/// usage texts both pass through it, so matching its output byte for byte means porting it.
/// </summary>
internal sealed class GoTabWriter(TextWriter output)
{
    private const int TabWidth = 8;
    private const int Padding = 1;

    private readonly StringBuilder buffer = new();

    /// <summary>Buffers text; tabs end cells and newlines end lines.</summary>
    public void Write(string text) => buffer.Append(text);

    /// <summary>Buffers a line.</summary>
    public void WriteLine(string line) => buffer.Append(line).Append('\n');

    /// <summary>Formats everything buffered, writes it and empties the buffer.</summary>
    public void Flush()
    {
        var text = buffer.ToString();
        buffer.Clear();
        var lines = new List<string[]>();
        var parts = text.Split('\n');
        // Text after the last newline is a line without one (Go writes it unterminated).
        for (var i = 0; i < parts.Length; i++)
        {
            if (i == parts.Length - 1 && parts[i].Length == 0) break;
            lines.Add(parts[i].Split('\t'));
        }
        var endsWithNewline = text.EndsWith('\n');
        var formatter = new Formatter(lines, output, endsWithNewline);
        formatter.Format(0, lines.Count);
        output.Flush();
    }

    private sealed class Formatter(List<string[]> lines, TextWriter output, bool endsWithNewline)
    {
        private readonly List<int> widths = [];

        // Go's format(): a column block is a run of consecutive lines that have a cell (not their
        // last one) in the current column; each block gets its own width, recursively per column.
        public void Format(int line0, int line1)
        {
            var column = widths.Count;
            for (var current = line0; current < line1; current++)
            {
                if (column >= lines[current].Length - 1) continue;
                WriteLines(line0, current);
                line0 = current;
                var width = 0;
                for (; current < line1; current++)
                {
                    var line = lines[current];
                    if (column >= line.Length - 1) break;
                    width = Math.Max(width, TextWidth(line[column]) + Padding);
                }
                widths.Add(width);
                Format(line0, current);
                widths.RemoveAt(widths.Count - 1);
                // As in Go, the loop's increment then passes the line that ended the block: it has no cell here.
                line0 = current;
            }
            WriteLines(line0, line1);
        }

        private void WriteLines(int line0, int line1)
        {
            for (var i = line0; i < line1; i++)
            {
                var line = lines[i];
                for (var j = 0; j < line.Length; j++)
                {
                    output.Write(line[j]);
                    if (j < widths.Count) WritePadding(TextWidth(line[j]), widths[j]);
                }
                if (i + 1 < lines.Count || endsWithNewline) output.Write('\n');
            }
        }

        private void WritePadding(int textWidth, int cellWidth)
        {
            // With '\t' as the padding character the cell is widened to a multiple of the tab width.
            cellWidth = (cellWidth + TabWidth - 1) / TabWidth * TabWidth;
            var tabs = (cellWidth - textWidth + TabWidth - 1) / TabWidth;
            output.Write(new string('\t', tabs));
        }

        // Go counts runes, not UTF-16 code units.
        private static int TextWidth(string cell) => cell.EnumerateRunes().Count();
    }
}
