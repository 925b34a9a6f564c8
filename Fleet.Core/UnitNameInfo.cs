using LanguageExt;

namespace Fleet.Core;

/// <summary>
/// What a unit's name says about it: <c>foo@.service</c> is a template, <c>foo@1.service</c> an
/// instance of it (prefix <c>foo</c>, instance <c>1</c>), <c>foo.service</c> neither.
/// </summary>
/// <param name="FullName">The whole name (<c>foo@bar.service</c>).</param>
/// <param name="Name">The name without its type suffix (<c>foo@bar</c>).</param>
/// <param name="Prefix">The part before the first <c>@</c>, or the whole name without suffix when there is none (<c>foo</c>).</param>
/// <param name="Template">The template's name for templates and instances (<c>foo@.service</c>).</param>
/// <param name="Instance">The instance string for instances (<c>bar</c>).</param>
public sealed record UnitNameInfo(string FullName, string Name, string Prefix, string? Template, string? Instance)
{
    /// <summary>Whether the name is an instance of a template (<c>foo@1.service</c>).</summary>
    public bool IsInstance => !string.IsNullOrEmpty(Instance);

    /// <summary>Whether the name is a template (<c>foo@.service</c>).</summary>
    public bool IsTemplate => !string.IsNullOrEmpty(Template) && !IsInstance;

    /// <summary>Splits a unit name as fleet does; the only requirement is a dot before the type.</summary>
    /// <param name="unitName">The unit name.</param>
    /// <returns>What the name says, or a validation error when it has no dot.</returns>
    public static Either<APIError, UnitNameInfo> Parse(string? unitName)
    {
        var dot = unitName?.LastIndexOf('.') ?? -1;
        if (unitName is null || dot == -1) return APIError.Validation("unit name must contain \".\"");
        var name = unitName[..dot];
        var suffix = unitName[dot..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return at == -1
            ? new UnitNameInfo(unitName, name, name, null, null)
            : new UnitNameInfo(unitName, name, name[..at], $"{name[..at]}@{suffix}", name[(at + 1)..]);
    }

    /// <summary>The name of this template's instance <paramref name="instance"/> (<c>foo@1.service</c>).</summary>
    /// <param name="instance">The instance string.</param>
    /// <returns>The instance's full name.</returns>
    /// <exception cref="InvalidOperationException">This name is not a template.</exception>
    public string InstanceName(string instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!IsTemplate) throw new InvalidOperationException($"{FullName} is not a template unit");
        var suffix = FullName[FullName.LastIndexOf('.')..];
        return $"{Prefix}@{instance}{suffix}";
    }
}
