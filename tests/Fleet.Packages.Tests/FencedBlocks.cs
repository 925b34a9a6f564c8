namespace Fleet.Packages.Tests;

/// <summary>A fenced code block of a markdown file.</summary>
/// <param name="File">The file, relative to the repository.</param>
/// <param name="Line">The line of its opening fence.</param>
/// <param name="Language">The word after the fence (<c>csharp</c>, <c>fsharp</c>, <c>sh</c>).</param>
/// <param name="Text">Its lines, joined with newlines, with a final newline.</param>
/// <param name="IsWholeProgram">Whether the line before it says it is a whole program (the start tests run those).</param>
public sealed record FencedBlock(string File, int Line, string Language, string Text, bool IsWholeProgram)
{
    /// <summary>The marker before a block that is a whole program.</summary>
    public const string WholeProgramMarker = "<!-- a whole program";

    /// <summary>Where it is, for messages.</summary>
    public override string ToString() => $"{File}:{Line} ({Language})";

    /// <summary>Every fenced block of the markdown file.</summary>
    public static IReadOnlyList<FencedBlock> Read(string root, string relativePath)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(root, relativePath));
        var blocks = new List<FencedBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            var language = lines[i][3..].Split(' ')[0];
            var previous = i > 0 ? lines[i - 1] : "";
            var end = Array.FindIndex(lines, i + 1, line => line.StartsWith("```", StringComparison.Ordinal));
            if (end < 0) throw new InvalidDataException($"{relativePath}:{i + 1}: a fence that is never closed");
            var text = string.Concat(lines[(i + 1)..end].Select(line => line + "\n"));
            blocks.Add(new FencedBlock(relativePath, i + 1, language, text, previous.StartsWith(WholeProgramMarker, StringComparison.Ordinal)));
            i = end;
        }
        return blocks;
    }
}
