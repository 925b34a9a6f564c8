using System.Text.Json.Serialization;

namespace Fleet.Core;

/// <summary>One <c>Name=Value</c> line of a unit file, with the section it is in.</summary>
public sealed record UnitOption
{
    /// <summary>Creates an option.</summary>
    /// <param name="section">The section, without brackets (<c>Service</c>).</param>
    /// <param name="name">The option name (<c>ExecStart</c>).</param>
    /// <param name="value">The value, exactly as fleet stores it.</param>
    [JsonConstructor]
    public UnitOption(string section, string name, string value)
    {
        Section = section;
        Name = name;
        Value = value;
    }

    /// <summary>The section, without brackets.</summary>
    [JsonPropertyName("section")]
    public string Section { get; init => field = value ?? throw new ArgumentNullException(nameof(Section)); }

    /// <summary>The option name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? throw new ArgumentNullException(nameof(Name)); }

    /// <summary>The value; continuation lines keep their backslash and newline.</summary>
    [JsonPropertyName("value")]
    public string Value { get; init => field = value ?? throw new ArgumentNullException(nameof(Value)); }

    /// <summary>Deconstructs into section, name and value.</summary>
    /// <param name="section">The section.</param>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value.</param>
    public void Deconstruct(out string section, out string name, out string value) =>
        (section, name, value) = (Section, Name, Value);

    /// <inheritdoc />
    public override string ToString() => $"[{Section}] {Name}={Value}";
}
