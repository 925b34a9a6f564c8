using System.Text;
using Fleet.Core.Text;
using LanguageExt;

namespace Fleet.Core;

/// <summary>
/// fleet's unit-name rules (systemd's <c>unit_name_is_valid</c>), checked in fleet's order and
/// refused with fleet's own messages, so a name this accepts is one fleet accepts.
/// </summary>
public static class UnitNames
{
    /// <summary>The longest name fleet accepts, in UTF-8 bytes.</summary>
    public const int MaxLength = 256;

    private static readonly System.Collections.Generic.HashSet<string> UnitTypes = new(StringComparer.Ordinal)
    {
        "automount", "busname", "device", "mount", "path", "scope", "service",
        "slice", "snapshot", "socket", "swap", "target", "timer",
    };

    private static readonly System.Collections.Generic.HashSet<string> TemplateTypes = new(StringComparer.Ordinal)
    {
        "path", "service", "socket", "target", "timer",
    };

    /// <summary>The unit types fleet knows (the part after the last dot).</summary>
    public static IReadOnlySet<string> KnownTypes => UnitTypes;

    /// <summary>The unit types that may be templates or instances (names with <c>@</c>).</summary>
    public static IReadOnlySet<string> TemplatableTypes => TemplateTypes;

    /// <summary>Checks a unit name as fleet does.</summary>
    /// <param name="name">The unit name.</param>
    /// <returns>The name, or a validation error with fleet's message for the first rule it breaks.</returns>
    public static Either<APIError, string> Validate(string? name)
    {
        var problem = FindProblem(name ?? "");
        return problem is null ? name! : APIError.Validation(problem);
    }

    /// <summary>Whether fleet would accept the name.</summary>
    /// <param name="name">The unit name.</param>
    /// <returns><see langword="true"/> when <see cref="Validate"/> would accept it.</returns>
    public static bool IsValid(string? name) => FindProblem(name ?? "") is null;

    private static string? FindProblem(string name)
    {
        // fleet measures in bytes: the name travels as UTF-8.
        var length = Encoding.UTF8.GetByteCount(name);
        if (length == 0) return "unit name cannot be empty";
        if (length > MaxLength) return $"unit name exceeds maximum length ({MaxLength})";
        var dot = name.LastIndexOf('.');
        if (dot == -1) return "unit name must contain \".\"";
        if (dot == name.Length - 1) return "unit name cannot end in \".\"";
        var suffix = name[(dot + 1)..];
        if (!UnitTypes.Contains(suffix)) return $"invalid unit type: {GoQuoting.Quote(suffix)}";
        if (name.Contains('@', StringComparison.Ordinal) && !TemplateTypes.Contains(suffix))
        {
            return $"invalid unit type for template: {GoQuoting.Quote(suffix)}";
        }
        foreach (var rune in name.AsSpan(0, dot).EnumerateRunes())
        {
            if (!IsValidChar(rune)) return $"invalid character {GoQuoting.QuoteRune(rune)} in unit name";
        }
        if (name.StartsWith('@')) return "unit name cannot start in \"@\"";
        return null;
    }

    private static bool IsValidChar(Rune rune) =>
        rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is ':' or '-' or '_' or '.' or '\\' or '@');
}
