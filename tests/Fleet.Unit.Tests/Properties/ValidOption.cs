using System.Text;
using Fleet.Core;

namespace Fleet.UnitFiles.Tests.Properties;

/// <summary>
/// The definition of a valid option as code: an option fleet's writer and reader carry through
/// unchanged. The definition is written out in words next to the generator, in
/// UnitFileArbitraries.cs (above <see cref="OptionGenerators"/>); generator, shrinker and
/// <see cref="GeneratorCoverage"/> all check against this.
/// </summary>
internal static class ValidOption
{
    public const int LineMax = 2048;

    public static bool IsValid(UnitOption option) =>
        IsValidSection(option.Section) && IsValidName(option.Name) && IsValidValue(option.Value) && LinesFit(option);

    public static bool IsValidSection(string section) => !section.Contains(']', StringComparison.Ordinal) && NoLoneSurrogate(section);

    public static bool IsValidName(string name) =>
        name.IndexOfAny(['=', '\n', '\r']) < 0
        && GoSpace.Trim(name) == name
        && !(name.Length > 0 && name[0] is '#' or ';' or '[')
        && NoLoneSurrogate(name);

    public static bool IsValidValue(string value)
    {
        if (GoSpace.Trim(value) != value || !NoLoneSurrogate(value)) return false;
        var lines = value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var last = i == lines.Length - 1;
            if (!last && !lines[i].EndsWith('\\')) return false;
            if (last && lines[i].EndsWith('\\')) return false;
            if (i > 0 && GoSpace.Trim(lines[i]).Length == 0) return false;
        }
        return true;
    }

    public static bool LinesFit(UnitOption option) =>
        ("[" + option.Section + "]").Split('\n').Concat((option.Name + "=" + option.Value).Split('\n'))
            .All(line => Encoding.UTF8.GetByteCount(line) < LineMax);

    public static bool NoLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }
}

/// <summary>Go's unicode.IsSpace and strings.TrimSpace, independent of the library's own copy.</summary>
internal static class GoSpace
{
    public static bool IsSpace(Rune rune) => rune.Value switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0 => true,
        0x1680 or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 => true,
        _ => false,
    };

    public static string Trim(string s)
    {
        var runes = s.EnumerateRunes().ToList();
        var start = 0;
        var end = runes.Count;
        while (start < end && IsSpace(runes[start])) start++;
        while (end > start && IsSpace(runes[end - 1])) end--;
        if (start == 0 && end == runes.Count) return s;
        var builder = new StringBuilder();
        for (var i = start; i < end; i++) builder.Append(runes[i].ToString());
        return builder.ToString();
    }
}
