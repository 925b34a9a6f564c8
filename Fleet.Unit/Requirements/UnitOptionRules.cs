using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.Core.Text;
using Fleet.UnitFiles.Parsing;
using Fleet.UnitFiles.Writing;
using LanguageExt;

namespace Fleet.UnitFiles.Requirements;

/// <summary>
/// fleet's check of a unit's options before it accepts the unit (the API's ValidateOptions): the
/// options must survive a write and re-read by go-systemd, and the requirements must not
/// contradict each other. Errors carry fleet's own messages. Before those, text that has no
/// UTF-8 form (half of a surrogate pair) is refused, since it could only be sent changed.
/// </summary>
internal static class UnitOptionRules
{
    public static APIError? Check(ValueList<UnitOption> options)
    {
        // Written out, half of a surrogate pair would become U+FFFD: fleet would store other text.
        foreach (var option in options)
        {
            if (!UnicodeText.IsWellFormed(option.Section) || !UnicodeText.IsWellFormed(option.Name) || !UnicodeText.IsWellFormed(option.Value))
            {
                return Invalid($"option {GoQuoting.Quote(option.ToString())} must be valid Unicode text: half of a surrogate pair cannot be sent");
            }
        }

        var text = UnitFileWriter.ToBytes(options.AsSpan());
        if (UnitFileParser.Parse(text, out var failure) is null)
        {
            return APIError.UnitFile(failure.FleetMessage(text), SourceLocation.Of(text, failure.Offset));
        }

        // fleet validates without the unit's name, so specifiers are left as written.
        var requirements = FleetRequirements.Of(options);
        var peers = requirements.MachineOf.Distinct(StringComparer.Ordinal).ToList();
        var conflicts = requirements.Conflicts.Distinct(StringComparer.Ordinal).ToList();
        var replaces = requirements.Replaces.Distinct(StringComparer.Ordinal).ToList();
        foreach (var peer in peers)
        {
            foreach (var conflict in conflicts.Where(conflict => GoPathMatch.Matches(conflict, peer)))
            {
                return Invalid($"unresolvable requirements: peer {GoQuoting.Quote(peer)} matches conflict {GoQuoting.Quote(conflict)}");
            }
            foreach (var replace in replaces.Where(replace => GoPathMatch.Matches(replace, peer)))
            {
                return Invalid($"unresolvable requirements: peer {GoQuoting.Quote(peer)} matches replace {GoQuoting.Quote(replace)}");
            }
        }

        var hasMachine = requirements.MachineId is not null;
        return (hasMachine, peers.Count > 0, conflicts.Count > 0, replaces.Count > 0, requirements.Global) switch
        {
            (true, true, _, _, _) => Invalid("MachineID cannot be used with Peers"),
            (true, _, true, _, _) => Invalid("MachineID cannot be used with Conflicts"),
            (true, _, _, _, true) => Invalid("MachineID cannot be used with Global"),
            (true, _, _, true, _) => Invalid("MachineID cannot be used with Replaces"),
            (_, true, _, _, true) => Invalid("Global cannot be used with Peers"),
            (_, _, _, true, true) => Invalid("Global cannot be used with Replaces"),
            (_, _, true, true, _) => Invalid("Conflicts cannot be used with Replaces"),
            _ => null,
        };
    }

    private static APIError Invalid(string message) => APIError.Validation(message);
}
