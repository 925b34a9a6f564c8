using Fleet.Core;
using Fleet.Core.Text;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet;

public sealed partial class FleetClient
{
    /// <summary>
    /// Compares a set of units with the cluster and says what applying them would do, sending
    /// nothing but one list of units (and nothing at all when a unit is refused first). Content is
    /// compared by fleet's unit hash, state by desired state. Templates are planned inactive,
    /// whatever <see cref="PlanOptions.DesiredState"/> says, since fleet cannot activate one. An
    /// instance without a file takes its template's: the template among <paramref name="units"/>,
    /// else the template unit in the cluster.
    /// </summary>
    /// <param name="units">The units, as <see cref="UnitSource.FromFolder"/> or <see cref="UnitSource.FromFiles"/> read them; each name once.</param>
    /// <param name="options">The desired state and whether to destroy the cluster's other units; <see cref="PlanOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The plan: one step per unit, in the order given, then the destroys, in name order. Or an
    /// error: a desired state outside the three, an invalid or repeated name, a unit file fleet
    /// would refuse, an instance whose template is nowhere, or the cluster's failure.
    /// </returns>
    public async Task<Either<APIError, UnitPlan>> PlanAsync(IEnumerable<UnitSource> units, PlanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        options ??= PlanOptions.Default;
        if (DesiredStates.Validate(options.DesiredState, $"{nameof(options)}.{nameof(PlanOptions.DesiredState)}").Failed(out _, out var error)) return error;
        var sources = units.ToList();
        if (CheckNames(sources).Failed(out var templates, out error)) return error;
        if ((await ListUnitsAsync(cancellationToken).ConfigureAwait(false)).Failed(out var listed, out error)) return error;
        var cluster = listed.ToDictionary(unit => unit.Name, StringComparer.Ordinal);

        var changes = new List<PlannedChange>();
        foreach (var source in sources)
        {
            if (ContentOf(source, templates, cluster).Failed(out var file, out error)) return error;
            if (UnitNameInfo.Parse(source.Name).Failed(out var info, out error)) return error;
            var state = info.IsTemplate ? DesiredState.Inactive : options.DesiredState;
            var existing = cluster.GetValueOrDefault(source.Name);
            changes.Add(new PlannedChange(source.Name, Compare(existing, file, state), file, existing?.DesiredState, state));
        }
        if (options.DestroyOthers)
        {
            var planned = sources.Select(source => source.Name).ToHashSet(StringComparer.Ordinal);
            changes.AddRange(listed
                .Where(unit => !planned.Contains(unit.Name))
                .OrderBy(unit => unit.Name, StringComparer.Ordinal)
                .Select(unit => new PlannedChange(unit.Name, UnitChange.Destroyed, null, unit.DesiredState, null)));
        }
        return new UnitPlan(changes);
    }

    /// <summary>
    /// Performs a plan's steps in order (Unchanged ones send nothing) and stops at the first that
    /// fails. Planning again afterwards gives an empty plan, unless someone else changed the cluster.
    /// A plan with a null step or a desired state outside the three is refused before any step is sent.
    /// </summary>
    /// <param name="plan">The plan, as <see cref="PlanAsync"/> made it.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>What was done, one result per step; or the first step's error.</returns>
    public async Task<Either<APIError, IReadOnlyList<UnitChangeResult>>> ApplyAsync(UnitPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (CheckSteps(plan).Failed(out _, out var invalid)) return invalid;
        var results = new List<UnitChangeResult>(plan.Changes.Count);
        foreach (var step in plan.Changes)
        {
            if ((await ChangeAsync(step.Name, step.Change, step.File, step.From, step.To, cancellationToken).ConfigureAwait(false)).Failed(out var result, out var error)) return error;
            results.Add(result);
        }
        return results;
    }

    // Every step is checked before the first is sent, so one that could never be sent stops the
    // plan before it has changed anything.
    private static Either<APIError, Unit> CheckSteps(UnitPlan plan)
    {
        for (var i = 0; i < plan.Changes.Count; i++)
        {
            var step = plan.Changes[i];
            if (step is null) return APIError.Validation("the plan holds a null step");
            if (step.To is { } to && DesiredStates.Validate(to, $"{nameof(plan)}.{nameof(UnitPlan.Changes)}[{i}].{nameof(PlannedChange.To)}").Failed(out _, out var invalid)) return invalid;
        }
        return Unit.Default;
    }

    // Every name is checked before the cluster is asked anything. Answers the templates that come
    // with files, which instances without one take first.
    private static Either<APIError, Dictionary<string, UnitFile>> CheckNames(IReadOnlyList<UnitSource> sources)
    {
        var names = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        var templates = new Dictionary<string, UnitFile>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source is null) return APIError.Validation("a unit to plan is null");
            if (UnitNames.Validate(source.Name).Failed(out _, out var error)) return error;
            if (!names.Add(source.Name)) return APIError.Validation($"unit {GoQuoting.Quote(source.Name)} is given twice");
            if (source.File is { } file && UnitNameInfo.Parse(source.Name).Match(info => info.IsTemplate, _ => false)) templates[source.Name] = file;
        }
        return templates;
    }

    // The content a unit will have, checked as fleet will check it.
    private static Either<APIError, UnitFile> ContentOf(UnitSource source, Dictionary<string, UnitFile> templates, Dictionary<string, FleetUnit> cluster)
    {
        var file = source.File;
        if (file is null)
        {
            if (UnitNameInfo.Parse(source.Name).Failed(out var info, out var error)) return error;
            if (!info.IsInstance) return APIError.UnitFile($"unit {GoQuoting.Quote(source.Name)} has no unit file (only an instance can take its template's)");
            file = templates.GetValueOrDefault(info.Template!) ?? (cluster.GetValueOrDefault(info.Template!) is { } template ? UnitFile.FromOptions(template.Options) : null);
            if (file is null)
            {
                var local = source.TemplatePath is { } path ? $"at {path}" : "among the units given";
                return APIError.UnitFile($"unit {GoQuoting.Quote(source.Name)} has no unit file, and its template {GoQuoting.Quote(info.Template!)} is neither {local} nor in the cluster");
            }
        }
        if (file.Options.Count == 0) return APIError.UnitFile($"unit {GoQuoting.Quote(source.Name)} has no options (fleet: unit does not exist and options field empty)");
        return file.Validate().MapLeft(error => error with { Message = $"unit {GoQuoting.Quote(source.Name)}: {error.Message}" });
    }
}
