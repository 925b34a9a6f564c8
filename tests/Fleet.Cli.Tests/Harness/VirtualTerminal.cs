using System.Text;

namespace Fleet.Cli.Tests.Harness;

/// <summary>
/// A small terminal for tests: plays the bytes a command wrote to a terminal and keeps what the
/// screen shows afterwards. It understands what the progress board sends (text, CR, LF, cursor up,
/// erase below, cursor show and hide, colours and styles, keypad mode) and fails on anything else,
/// so a new kind of sequence does not slip through unnoticed.
/// </summary>
internal sealed class VirtualTerminal
{
    private readonly List<StringBuilder> lines = [new()];
    private int row;
    private int column;

    /// <summary>Whether the cursor is visible at the end.</summary>
    public bool CursorVisible { get; private set; } = true;

    /// <summary>How many escape sequences were played.</summary>
    public int Sequences { get; private set; }

    /// <summary>The screen's lines, without the empty line the cursor may sit on at the end.</summary>
    public IReadOnlyList<string> Screen
    {
        get
        {
            var shown = lines.Select(line => line.ToString()).ToList();
            while (shown.Count > 0 && shown[^1].Length == 0) shown.RemoveAt(shown.Count - 1);
            return shown;
        }
    }

    /// <summary>Plays <paramref name="output"/> on a new terminal.</summary>
    /// <param name="output">What was written.</param>
    /// <returns>The terminal afterwards.</returns>
    public static VirtualTerminal Play(string output)
    {
        var terminal = new VirtualTerminal();
        terminal.Write(output);
        return terminal;
    }

    private void Write(string output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            switch (c)
            {
                case '\r':
                    column = 0;
                    break;
                case '\n':
                    // A pty turns LF into CR LF; the board's rows and fleetctl's lines rely on it.
                    row++;
                    column = 0;
                    while (lines.Count <= row) lines.Add(new StringBuilder());
                    break;
                case '\u001b':
                    i = Escape(output, i);
                    Sequences++;
                    break;
                default:
                    Put(c);
                    break;
            }
        }
    }

    private int Escape(string output, int start)
    {
        if (start + 1 < output.Length && output[start + 1] is '=' or '>') return start + 1;
        if (start + 1 >= output.Length || output[start + 1] != '[') throw new FormatException($"unknown escape at {start}: {Show(output, start)}");
        var end = start + 2;
        while (end < output.Length && (char.IsAsciiDigit(output[end]) || output[end] is ';' or '?')) end++;
        if (end >= output.Length) throw new FormatException($"unfinished escape at {start}");
        var parameters = output[(start + 2)..end];
        switch (output[end])
        {
            case 'A':
                row = Math.Max(0, row - (parameters.Length == 0 ? 1 : int.Parse(parameters, System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case 'J' when parameters is "" or "0":
                var line = lines[row];
                if (line.Length > column) line.Length = column;
                lines.RemoveRange(row + 1, lines.Count - row - 1);
                break;
            case 'm':
                break;
            case 'l' when parameters == "?25":
                CursorVisible = false;
                break;
            case 'h' when parameters == "?25":
                CursorVisible = true;
                break;
            case 'h' when parameters == "?1":
                break;
            default:
                throw new FormatException($"unknown escape at {start}: {Show(output, start)}");
        }
        return end;
    }

    private void Put(char c)
    {
        var line = lines[row];
        if (line.Length < column) line.Append(' ', column - line.Length);
        if (column < line.Length) line[column] = c;
        else line.Append(c);
        column++;
    }

    private static string Show(string output, int start) => output.Substring(start, Math.Min(12, output.Length - start)).Replace("\u001b", "ESC", StringComparison.Ordinal);
}
