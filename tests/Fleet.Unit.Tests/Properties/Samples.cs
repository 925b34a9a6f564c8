using System.Globalization;
using System.Text;
using Fleet.Core;
using LanguageExt;

namespace Fleet.UnitFiles.Tests.Properties;

/// <summary>A generated option list: every option valid (see <see cref="ValidOption"/>), grouped by section or not.</summary>
public sealed record ValidOptionList(IReadOnlyList<UnitOption> Options)
{
    public bool IsGrouped => Options.SequenceEqual(OptionOrder.GroupedBySection(Options));

    public int SectionCount => Options.Select(o => o.Section).Distinct(StringComparer.Ordinal).Count();

    public override string ToString() =>
        "[" + string.Join(", ", Options.Select(o => $"({Show.Text(o.Section)}, {Show.Text(o.Name)}, {Show.Text(o.Value)})")) + "]";
}

/// <summary>Generated text shaped like a unit file, kept as the pieces it was assembled from so it shrinks piece by piece.</summary>
public sealed record UnitLikeText(IReadOnlyList<string> Pieces)
{
    public string Text => string.Concat(Pieces);

    public override string ToString() => Show.Text(Text);
}

/// <summary>Arbitrary bytes, biased towards what the lexer looks at.</summary>
public sealed record ByteSoup(byte[] Bytes)
{
    public override string ToString() => $"{Bytes.Length} bytes: {Show.Bytes(Bytes)}";
}

/// <summary>The accepted unit file of a parse result, or null with the error.</summary>
internal static class Parsed
{
    public static UnitFile? Unit(Either<APIError, UnitFile> parsed, out APIError? error)
    {
        error = null;
        foreach (var e in parsed.LeftToSeq()) error = e;
        foreach (var unit in parsed.RightToSeq()) return unit;
        return null;
    }
}

/// <summary>Counterexamples printed escaped (\n, \r, \t, \uXXXX for text, \xNN for bytes), so invisible characters show.</summary>
internal static class Show
{
    public static string Text(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c is >= ' ' and <= '~' => c.ToString(),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }
        return builder.Append('"').ToString();
    }

    public static string Bytes(byte[] bytes)
    {
        const int Shown = 512;
        var builder = new StringBuilder("\"");
        foreach (var b in bytes.Take(Shown))
        {
            builder.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                >= (byte)' ' and <= (byte)'~' => ((char)b).ToString(),
                _ => "\\x" + b.ToString("X2", CultureInfo.InvariantCulture),
            });
        }
        builder.Append('"');
        if (bytes.Length > Shown) builder.Append(CultureInfo.InvariantCulture, $" ... ({bytes.Length - Shown} more)");
        return builder.ToString();
    }
}
