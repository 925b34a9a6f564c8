using Fleet.Core;

namespace Fleet.Simulator.Api;

/// <summary>The body of a PUT of a unit, as fleet's <c>schema.Unit</c> receives it.</summary>
internal sealed record UnitBody(string Name, IReadOnlyList<UnitOption> Options, string DesiredState);

/// <summary>One machine-metadata operation of a PATCH, as fleet's <c>machineMetadataOp</c> receives it.</summary>
internal sealed record MetadataOp(string Op, string Path, string Value);

/// <summary>
/// Maps a decoded JSON value onto fleet's request types the way Go's decoder does: keys matched
/// exactly or else case-insensitively, the last duplicate wins, null leaves a field alone, and
/// a value of the wrong kind is Go's <c>json: cannot unmarshal ...</c> error (the first one,
/// after the whole value was read).
/// </summary>
internal static class RequestBodies
{
    public static (UnitBody? Body, string? Error) Unit(ReadOnlySpan<byte> json)
    {
        var value = GoJsonReader.Read(json, out var error);
        if (value is null) return (null, error);
        var errors = new Errors();
        string name = "", desiredState = "";
        var options = new List<UnitOption>();
        switch (value)
        {
            case GoJsonNull:
                break;
            case GoJsonObject unit:
                foreach (var (key, member) in Fields(unit, "currentState", "desiredState", "machineID", "name", "options"))
                {
                    switch (key)
                    {
                        case "desiredState": desiredState = errors.String(member, "Unit", "desiredState") ?? desiredState; break;
                        case "name": name = errors.String(member, "Unit", "name") ?? name; break;
                        case "options": options = Options(member, errors) ?? options; break;
                        default: errors.String(member, "Unit", key); break;
                    }
                }
                break;
            default:
                errors.Add(value.Kind, null, "schema.Unit");
                break;
        }
        return errors.First is { } first ? (null, first) : (new UnitBody(name, options, desiredState), null);
    }

    public static (IReadOnlyList<MetadataOp>? Ops, string? Error) MachineOps(ReadOnlySpan<byte> json)
    {
        var value = GoJsonReader.Read(json, out var error);
        if (value is null) return (null, error);
        var errors = new Errors();
        var ops = new List<MetadataOp>();
        switch (value)
        {
            case GoJsonNull:
                break;
            case GoJsonArray array:
                foreach (var item in array.Items)
                {
                    string op = "", path = "", text = "";
                    switch (item)
                    {
                        case GoJsonNull:
                            break;
                        case GoJsonObject entry:
                            foreach (var (key, member) in Fields(entry, "op", "path", "Value"))
                            {
                                switch (key)
                                {
                                    case "op": op = errors.String(member, "machineMetadataOp", "op") ?? op; break;
                                    case "path": path = errors.String(member, "machineMetadataOp", "path") ?? path; break;
                                    default: text = MetadataValue(member, errors) ?? text; break;
                                }
                            }
                            break;
                        default:
                            errors.Add(item.Kind, null, "api.machineMetadataOp");
                            break;
                    }
                    ops.Add(new MetadataOp(op, path, text));
                }
                break;
            default:
                errors.Add(value.Kind, null, "[]api.machineMetadataOp");
                break;
        }
        return errors.First is { } first ? (null, first) : (ops, null);
    }

    private static string? MetadataValue(GoJsonValue member, Errors errors)
    {
        switch (member)
        {
            case GoJsonNull:
                return null;
            case GoJsonObject value:
                string? text = null;
                foreach (var (_, inner) in Fields(value, "value")) text = errors.String(inner, "", "Value.value") ?? text;
                return text;
            default:
                errors.Add(member.Kind, ".Value", "struct { Value string \"json:\\\"value\\\"\" }");
                return null;
        }
    }

    private static List<UnitOption>? Options(GoJsonValue member, Errors errors)
    {
        switch (member)
        {
            case GoJsonNull:
                return null;
            case GoJsonArray array:
                var options = new List<UnitOption>();
                foreach (var item in array.Items)
                {
                    string section = "", name = "", value = "";
                    switch (item)
                    {
                        case GoJsonNull:
                            break;
                        case GoJsonObject option:
                            foreach (var (key, field) in Fields(option, "name", "section", "value"))
                            {
                                var text = errors.String(field, "UnitOption", "options." + key);
                                if (text is null) continue;
                                if (key == "name") name = text;
                                else if (key == "section") section = text;
                                else value = text;
                            }
                            break;
                        default:
                            errors.Add(item.Kind, "Unit.options", "schema.UnitOption");
                            break;
                    }
                    options.Add(new UnitOption(section, name, value));
                }
                return options;
            default:
                errors.Add(member.Kind, "Unit.options", "[]*schema.UnitOption");
                return null;
        }
    }

    // Each member that names a known field, under the field's own name: an exact match first,
    // else the first one equal under Go's case folding, as Go's decoder picks.
    private static IEnumerable<(string Field, GoJsonValue Value)> Fields(GoJsonObject value, params string[] fields)
    {
        foreach (var (key, member) in value.Members)
        {
            var field = Array.Find(fields, f => f == key) ?? Array.Find(fields, f => GoFoldEquals(f, key));
            if (field is not null) yield return (field, member);
        }
    }

    // Go 1.19's fold for an ASCII field name (encoding/json's foldFunc): ASCII letters match in
    // either case, and the only non-ASCII matches are the long s (U+017F) for s and the Kelvin
    // sign (U+212A) for k, which Unicode folds to them. OrdinalIgnoreCase knows neither.
    private static bool GoFoldEquals(string field, string key)
    {
        var i = 0;
        foreach (var rune in key.EnumerateRunes())
        {
            if (i == field.Length) return false;
            var f = char.ToLowerInvariant(field[i++]);
            var k = rune.Value switch
            {
                0x017F => 's',
                0x212A => 'k',
                < 0x80 => char.ToLowerInvariant((char)rune.Value),
                _ => -1,
            };
            if (k != f) return false;
        }
        return i == field.Length;
    }

    private sealed class Errors
    {
        public string? First { get; private set; }

        public void Add(string kind, string? field, string type)
        {
            First ??= field is null
                ? $"json: cannot unmarshal {kind} into Go value of type {type}"
                : $"json: cannot unmarshal {kind} into Go struct field {field} of type {type}";
        }

        /// <summary>The string, or null when the value is null or of another kind (which is recorded).</summary>
        public string? String(GoJsonValue value, string structName, string path)
        {
            if (value is GoJsonString text) return text.Value;
            if (value is not GoJsonNull) Add(value.Kind, structName + "." + path, "string");
            return null;
        }
    }
}
