using System.Runtime.CompilerServices;
using Fleet.Core;
using Fleet.Transport.Etcd;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet.Transport.Registry;

internal sealed partial class RegistryDriver
{
    /// <summary>
    /// As fleet's API: the unit is read first (<c>job/NAME</c>, then <c>unit/HASH</c>); a new unit,
    /// or one whose content differs, is written whole (fleet's <c>CreateUnit</c>); one held with
    /// this content only takes the desired state, which it must be given.
    /// </summary>
    public async Task<Either<APIError, Unit>> PutUnitAsync(string name, UnitFile file, DesiredState? desiredState, CancellationToken cancellationToken)
    {
        if ((await FindUnitAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var error)) return error;
        var existing = found.Case as StoredUnit;
        if (existing is null && file.Options.Count == 0) return Http(409, OptionsEmpty);
        var isNew = existing is null || (existing.Name == name && file.Options.Count > 0 && existing.File.Hash != file.Hash);
        return isNew
            ? await WriteUnitAsync(name, file, desiredState ?? DesiredState.Inactive, cancellationToken).ConfigureAwait(false)
            : await ChangeStateAsync(name, desiredState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As fleet's API: only an existing unit takes a desired state.</summary>
    public async Task<Either<APIError, Unit>> SetDesiredStateAsync(string name, DesiredState desiredState, CancellationToken cancellationToken)
    {
        if ((await FindUnitAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var error)) return error;
        if (found.IsNone) return Http(409, OptionsEmpty);
        return await ChangeStateAsync(name, desiredState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>fleet's <c>RegistryClient.Unit</c>: the unit, then (unless global) its schedule and the target's state.</summary>
    public async ValueTask<Either<APIError, FleetUnit>> GetUnitAsync(string name, CancellationToken cancellationToken)
    {
        if ((await FindUnitAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var error)) return error;
        if (found.Case is not StoredUnit unit) return Http(404, UnitDoesNotExist);
        if (unit.File.Requirements(unit.Name).Global) return unit.ToEntity(null, null);

        // fleet's Registry.ScheduledUnit reads the job folder again.
        if ((await ReadFolderAsync(keys.Job(name), Folder, cancellationToken).ConfigureAwait(false)).Failed(out var again, out error)) return error;
        if (again.Case is not EtcdNode folder) return unit.ToEntity(null, null);
        var target = ValueIn(folder, "target");
        var published = false;
        if (target.Length > 0)
        {
            var state = await etcd.GetAsync(keys.State(name, target), EtcdGetOptions.Default, cancellationToken).ConfigureAwait(false);
            if (state.Failed(out var response, out error))
            {
                if (error.EtcdCode != EtcdErrorCodes.KeyNotFound) return error;
            }
            else
            {
                if (Decode(response.Node.Value, response.Node.Key, RegistryJsonContext.Default.UnitStateModel).Failed(out _, out error)) return error;
                published = true;
            }
        }
        return unit.ToEntity(target, JobStates.Derive(ValueIn(folder, "job-state"), target, published));
    }

    /// <summary>fleet's <c>DestroyUnit</c>: <c>job/NAME</c> and all under it; <c>unit/HASH</c> stays.</summary>
    public async Task<Either<APIError, Unit>> DestroyUnitAsync(string name, CancellationToken cancellationToken)
    {
        var deleted = await etcd.DeleteAsync(keys.Job(name), RecursiveDelete, cancellationToken).ConfigureAwait(false);
        if (!deleted.Failed(out _, out var error)) return Unit.Default;
        return error.EtcdCode == EtcdErrorCodes.KeyNotFound ? Http(404, UnitDoesNotExist) : error;
    }

    /// <summary>
    /// fleet's <c>RegistryClient.Units</c>: the jobs, every unit file (with quorum), the jobs again
    /// and the states. A unit fleet cannot read (no unit file, a target state it cannot parse) is
    /// left out and logged, as fleet does.
    /// </summary>
    public async IAsyncEnumerable<Either<APIError, FleetUnit>> ListUnits([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var units = await ReadUnitsAsync(cancellationToken).ConfigureAwait(false);
        if (units.Failed(out var list, out var error))
        {
            yield return error;
            yield break;
        }
        foreach (var unit in list) yield return unit;
    }

    private async Task<Either<APIError, List<FleetUnit>>> ReadUnitsAsync(CancellationToken cancellationToken)
    {
        if ((await ReadFolderAsync(keys.Jobs, SortedFolder, cancellationToken).ConfigureAwait(false)).Failed(out var jobs, out var error)) return error;
        if (jobs.Case is not EtcdNode jobFolder) return new List<FleetUnit>();
        var files = await etcd.GetAsync(keys.Units, QuorumFolder, cancellationToken).ConfigureAwait(false);
        if (files.Failed(out var filesResponse, out error)) return error;
        var byHash = new Dictionary<string, EtcdNode>(StringComparer.Ordinal);
        foreach (var node in filesResponse.Node.Nodes) byHash[RegistryKeys.Last(node.Key)] = node;

        var stored = new List<StoredUnit>();
        foreach (var folder in jobFolder.Nodes)
        {
            if (UnitIn(folder, hash => byHash.TryGetValue(hash, out var node) ? UnitFileOf(node) : null).Failed(out var found, out error))
            {
                RegistryLog.UnitSkipped(logger, error.Message);
                continue;
            }
            if (found.Case is StoredUnit unit) stored.Add(unit);
        }

        if ((await ReadScheduleAsync(cancellationToken).ConfigureAwait(false)).Failed(out var schedule, out error)) return error;
        return stored.Select(unit => schedule.TryGetValue(unit.Name, out var scheduled)
            ? unit.ToEntity(scheduled.Target, scheduled.State)
            : unit.ToEntity(null, null)).ToList();
    }

    /// <summary>fleet's <c>Registry.Schedule</c>: each job folder's target and derived state.</summary>
    private async Task<Either<APIError, Dictionary<string, (string Target, DesiredState State)>>> ReadScheduleAsync(CancellationToken cancellationToken)
    {
        var schedule = new Dictionary<string, (string Target, DesiredState State)>(StringComparer.Ordinal);
        if ((await ReadFolderAsync(keys.Jobs, SortedFolder, cancellationToken).ConfigureAwait(false)).Failed(out var jobs, out var error)) return error;
        if (jobs.Case is not EtcdNode jobFolder) return schedule;
        if ((await ReadStatesAsync(cancellationToken).ConfigureAwait(false)).Failed(out var states, out error)) return error;
        foreach (var folder in jobFolder.Nodes)
        {
            var name = RegistryKeys.Last(folder.Key);
            var target = ValueIn(folder, "target");
            schedule[name] = (target, JobStates.Derive(ValueIn(folder, "job-state"), target, states.ContainsKey((name, target))));
        }
        return schedule;
    }

    /// <summary>fleet's <c>Registry.Unit</c>: <c>job/NAME</c>, then <c>unit/HASH</c>; none without a job folder or its object.</summary>
    private async Task<Either<APIError, Option<StoredUnit>>> FindUnitAsync(string name, CancellationToken cancellationToken)
    {
        if ((await ReadFolderAsync(keys.Job(name), Folder, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var error)) return error;
        if (found.Case is not EtcdNode folder) return Option<StoredUnit>.None;
        if (ObjectIn(folder).Failed(out var job, out error)) return error;
        if (job.Case is not JobObject jobObject) return Option<StoredUnit>.None;

        var file = await etcd.GetAsync(keys.Unit(jobObject.Hash), Folder, cancellationToken).ConfigureAwait(false);
        UnitFile? unitFile = null;
        if (file.Failed(out var response, out error))
        {
            if (error.EtcdCode != EtcdErrorCodes.KeyNotFound) return error;
        }
        else
        {
            unitFile = UnitFileOf(response.Node);
        }
        return UnitIn(folder, jobObject, unitFile);
    }

    private static Either<APIError, Option<StoredUnit>> UnitIn(EtcdNode folder, Func<string, UnitFile?> lookup)
    {
        if (ObjectIn(folder).Failed(out var job, out var error)) return error;
        return job.Case is JobObject jobObject ? UnitIn(folder, jobObject, lookup(jobObject.Hash)) : Option<StoredUnit>.None;
    }

    // fleet's dirToUnit: a unit without its unit file, or with a target state fleet cannot parse, is an error.
    private static Either<APIError, Option<StoredUnit>> UnitIn(EtcdNode folder, JobObject job, UnitFile? file)
    {
        if (file is null) return new APIError(ErrorKind.Decoding, $"unable to parse Unit in Registry at key {job.Key}");
        var targetState = ValueIn(folder, "target-state");
        DesiredState? state = null;
        if (targetState.Length > 0)
        {
            if (DesiredStates.Parse(targetState).Failed(out var parsed, out _))
            {
                return new APIError(ErrorKind.Decoding, $"failed to parse Unit({job.Name}) target-state: invalid value {Quote(targetState)} for JobState");
            }
            state = parsed;
        }
        return Option<StoredUnit>.Some(new StoredUnit(job.Name, file, state));
    }

    private static Either<APIError, Option<JobObject>> ObjectIn(EtcdNode folder)
    {
        var key = RegistryKeys.Child(folder.Key, "object");
        EtcdNode? node = null;
        foreach (var child in folder.Nodes)
        {
            if (child.Key == key) node = child;
        }
        if (node is null) return Option<JobObject>.None;
        if (Decode(node.Value, key, RegistryJsonContext.Default.JobModel).Failed(out var job, out var error)) return error;
        if (job.UnitHash is not { Length: 20 } numbers || numbers.Any(n => n is < 0 or > 255))
        {
            return NotFleets(key, "its UnitHash is not 20 numbers from 0 to 255");
        }
        var hash = Convert.ToHexStringLower(numbers.Select(n => (byte)n).ToArray());
        return Option<JobObject>.Some(new JobObject(job.Name ?? "", hash, key));
    }

    // fleet's unitFromEtcdNode: none when the value or the unit text does not parse.
    private static UnitFile? UnitFileOf(EtcdNode node)
    {
        if (Decode(node.Value, node.Key, RegistryJsonContext.Default.UnitModel).Failed(out var model, out _)) return null;
        return UnitFile.Parse(model.Raw ?? "").Failed(out var file, out _) ? null : file;
    }

    // fleet's getValueInDir: the first child of that name, or empty.
    private static string ValueIn(EtcdNode folder, string name)
    {
        var key = RegistryKeys.Child(folder.Key, name);
        foreach (var child in folder.Nodes)
        {
            if (child.Key == key) return child.Value ?? "";
        }
        return "";
    }

    /// <summary>fleet's <c>CreateUnit</c>: <c>unit/HASH</c> create-only (already there is fine), the object, the target state.</summary>
    private async Task<Either<APIError, Unit>> WriteUnitAsync(string name, UnitFile file, DesiredState desiredState, CancellationToken cancellationToken)
    {
        var stored = await etcd.SetAsync(keys.Unit(file.Hash), GoJsonText.UnitModel(file.Render()), CreateOnly, cancellationToken).ConfigureAwait(false);
        if (stored.Failed(out _, out var error) && error.EtcdCode != EtcdErrorCodes.KeyExists) return error;
        var job = await etcd.SetAsync(keys.JobObject(name), GoJsonText.JobModel(name, Convert.FromHexString(file.Hash)), EtcdSetOptions.Default, cancellationToken).ConfigureAwait(false);
        if (job.Failed(out _, out error)) return error;
        return await SetTargetStateAsync(name, desiredState, cancellationToken).ConfigureAwait(false);
    }

    // fleet's API's checks before it changes a state, then fleet's SetUnitTargetState.
    private async Task<Either<APIError, Unit>> ChangeStateAsync(string name, DesiredState? desiredState, CancellationToken cancellationToken)
    {
        if (desiredState is not { } state) return Http(409, DesiredStateNeeded);
        if (state != DesiredState.Inactive && UnitNameInfo.Parse(name).Failed(out var info, out _) is false && info.IsTemplate)
        {
            return Http(400, $"cannot activate template {Quote(name)}");
        }
        return await SetTargetStateAsync(name, state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Either<APIError, Unit>> SetTargetStateAsync(string name, DesiredState state, CancellationToken cancellationToken)
    {
        var set = await etcd.SetAsync(keys.TargetState(name), state.ToFleetString(), EtcdSetOptions.Default, cancellationToken).ConfigureAwait(false);
        return set.Map(_ => Unit.Default);
    }
}
