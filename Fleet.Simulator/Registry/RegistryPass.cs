using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.Simulator.Cluster;
using Fleet.Transport.Etcd;
using Fleet.UnitFiles;
using LanguageExt;
using Fleet.Transport.Registry;

namespace Fleet.Simulator.Registry;

/// <summary>
/// One pass of fleetd's engine and agents over the registry in etcd, as the reference cluster's
/// stand-in made it: the machines registered, the engine's election (<see cref="EngineLease"/>),
/// the units read through fleet's registry rules, fleet's least-loaded scheduler
/// (<see cref="Engine"/>) run over that snapshot and its decisions written when this engine leads,
/// then the states and heartbeats the agents of these machines publish written and
/// the ones they no longer publish removed. Everything with fleet's 30 s TTL, renewed when a
/// third of it has passed. Not safe for concurrent passes: <see cref="EtcdFleet"/> runs one at a time.
/// </summary>
internal sealed class RegistryPass(FleetClient registry, EtcdKeysClient etcd, RegistryKeys keys, IReadOnlyList<SimulatedMachine> machines, EngineLease lease, TimeProvider time)
{
    /// <summary>fleet's TTL for machines, unit states and heartbeats.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    // Renewed once this much of the TTL is left, so a missed pass or two never lets a key lapse.
    private static readonly TimeSpan RenewBelow = Ttl * 2 / 3;

    private static readonly EtcdGetOptions Folder = new() { Recursive = true, Sorted = true };
    private static readonly EtcdSetOptions WithTtl = new() { Ttl = Ttl };

    private readonly System.Collections.Generic.HashSet<string> own = new(machines.Select(machine => machine.Id), StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string MachineId, DateTimeOffset Written)> heartbeats = new(StringComparer.Ordinal);

    /// <summary>Runs the pass; the first etcd failure ends it (the next pass starts over from what etcd holds).</summary>
    public async Task<Either<APIError, Unit>> RunAsync(CancellationToken cancellationToken)
    {
        if ((await RegisterAsync(cancellationToken).ConfigureAwait(false)).Failed(out var cluster, out var error)) return error;
        if ((await lease.ReconcileAsync(cancellationToken).ConfigureAwait(false)).Failed(out var leads, out error)) return error;
        if ((await registry.ListUnitsAsync(cancellationToken).ConfigureAwait(false)).Failed(out var listed, out error)) return error;
        var units = listed.OrderBy(unit => unit.Name, StringComparer.Ordinal).ToList();
        // A unit whose target state is not written yet reads as none here: neither the engine nor
        // an agent acts on it (a target state fleet cannot parse never reaches this list at all).
        var stored = units.Select(unit => new StoredUnit(unit.Name, UnitFile.FromOptions(unit.Options), unit.DesiredState?.ToFleetString() ?? "", unit.MachineId)).ToList();
        var scheduled = stored;
        if (leads && (await ScheduleAsync(cluster, stored, cancellationToken).ConfigureAwait(false)).Failed(out scheduled, out error)) return error;
        var report = Agent.Publish(machines, scheduled);
        var registered = cluster.Select(machine => machine.Id).ToHashSet(StringComparer.Ordinal);
        var globals = scheduled.Where(unit => EngineUnit.Read(unit) is { IsGlobal: true }).Select(unit => unit.Name).ToHashSet(StringComparer.Ordinal);
        if ((await PublishStatesAsync(report, registered, globals, cancellationToken).ConfigureAwait(false)).Failed(out _, out error)) return error;
        return await BeatAsync(report, units, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What a stopping fleetd's purge does, in its order: the agents' heartbeats and unit states
    /// removed (only these machines' own: fleet removes a unit's whole <c>states/NAME</c>, which
    /// other instances would only write again), the engine lease released when this engine holds
    /// it, and the machines' registrations removed. Every step is tried; the first failure is answered.
    /// </summary>
    public async Task<Either<APIError, Unit>> PurgeAsync(CancellationToken cancellationToken)
    {
        APIError? first = null;
        var listed = await registry.ListUnitsAsync(cancellationToken).ConfigureAwait(false);
        if (listed.Failed(out var units, out var error))
        {
            first = error;
        }
        else
        {
            var none = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            if ((await BeatAsync(AgentReport.Empty, units.ToList(), cancellationToken).ConfigureAwait(false)).Failed(out _, out error)) first ??= error;
            if ((await PublishStatesAsync(AgentReport.Empty, none, none, cancellationToken).ConfigureAwait(false)).Failed(out _, out error)) first ??= error;
        }
        if ((await lease.ReleaseAsync(cancellationToken).ConfigureAwait(false)).Failed(out _, out error)) first ??= error;
        if ((await UnregisterAsync(cancellationToken).ConfigureAwait(false)).Failed(out _, out error)) first ??= error;
        return first is null ? Unit.Default : first;
    }

    /// <summary>Removes the machines' registrations, as a stopping fleetd's do when its TTL runs out, at once.</summary>
    public async Task<Either<APIError, Unit>> UnregisterAsync(CancellationToken cancellationToken)
    {
        foreach (var machine in machines)
        {
            var deleted = await etcd.DeleteAsync(keys.MachineObject(machine.Id), EtcdDeleteOptions.Default, cancellationToken).ConfigureAwait(false);
            if (Unexpected(deleted, EtcdErrorCodes.KeyNotFound) is { } error) return error;
            registered.Remove(machine.Id);
        }
        return Unit.Default;
    }

    // fleetd's machine heartbeat: machines/ID/object with its TTL, written again when it is due or
    // gone (someone deleted it); the cluster the engine sees is every registered machine.
    private async Task<Either<APIError, List<SimulatedMachine>>> RegisterAsync(CancellationToken cancellationToken)
    {
        if ((await registry.ListMachinesAsync(cancellationToken).ConfigureAwait(false)).Failed(out var listed, out var error)) return error;
        var cluster = listed.Select(machine => new SimulatedMachine(machine.Id, machine.PrimaryIp ?? "", ValueMap.From(machine.Metadata)))
            .ToDictionary(machine => machine.Id, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var machine in machines)
        {
            if (cluster.ContainsKey(machine.Id) && registered.TryGetValue(machine.Id, out var written) && now - written < Ttl - RenewBelow) continue;
            var set = await etcd.SetAsync(keys.MachineObject(machine.Id), RegistryValues.MachineObject(machine), WithTtl, cancellationToken).ConfigureAwait(false);
            if (set.Failed(out _, out error)) return error;
            registered[machine.Id] = now;
            cluster.TryAdd(machine.Id, machine);
        }
        return cluster.Values.OrderBy(machine => machine.Id, StringComparer.Ordinal).ToList();
    }

    // The engine: fleet's scheduler over the snapshot, each change written as fleetd's engine
    // writes it (a new target only where there is none, an old one removed only while it still
    // names that machine). A write that loses a race leaves the unit unscheduled for this pass.
    private async Task<Either<APIError, List<StoredUnit>>> ScheduleAsync(IReadOnlyList<SimulatedMachine> cluster, List<StoredUnit> stored, CancellationToken cancellationToken)
    {
        var decided = Engine.Reconcile(cluster, stored, EngineRules.Reference);
        var scheduled = new List<StoredUnit>(stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var before = stored[i].TargetMachineId;
            var after = decided[i].TargetMachineId;
            var final = before;
            if (before != after && before is not null)
            {
                var deleted = await etcd.DeleteAsync(keys.Target(stored[i].Name), new EtcdDeleteOptions { PrevValue = before }, cancellationToken).ConfigureAwait(false);
                if (Unexpected(deleted, EtcdErrorCodes.KeyNotFound, EtcdErrorCodes.CompareFailed) is { } error) return error;
                final = null;
            }
            if (before != after && after is not null)
            {
                var set = await etcd.SetAsync(keys.Target(stored[i].Name), after, new EtcdSetOptions { PrevExist = false }, cancellationToken).ConfigureAwait(false);
                if (Unexpected(set, EtcdErrorCodes.KeyExists) is { } error) return error;
                final = null;
                if (set.IsRight)
                {
                    if ((await UndoIfDestroyedAsync(stored[i].Name, keys.Target(stored[i].Name), after, cancellationToken).ConfigureAwait(false)).Failed(out var kept, out error)) return error;
                    if (kept) final = after;
                }
            }
            scheduled.Add(stored[i] with { TargetMachineId = final });
        }
        return scheduled;
    }

    // The agents' unit states, under states/NAME/MACHINE and (the last machine's) under state/NAME:
    // written when new, changed or due, removed when no agent of these machines publishes them.
    // A global unit's state/NAME that names a registered machine of another instance sorting after
    // this one's last is that instance's to write, so instances do not overwrite each other every
    // pass and the key ends as one instance of all the machines leaves it.
    private async Task<Either<APIError, Unit>> PublishStatesAsync(AgentReport report, IReadOnlySet<string> registered, IReadOnlySet<string> globals, CancellationToken cancellationToken)
    {
        var wanted = report.States.ToDictionary(state => keys.State(state.Name, state.MachineId!), RegistryValues.UnitState, StringComparer.Ordinal);
        var legacy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var state in report.States) legacy[keys.LegacyState(state.Name)] = RegistryValues.UnitState(state);

        var emptyFolders = new List<string>();
        if ((await ReadValuesAsync(keys.States, cancellationToken, emptyFolders).ConfigureAwait(false)).Failed(out var present, out var error)) return error;
        var stale = present.Keys.Where(key => !wanted.ContainsKey(key) && own.Contains(RegistryKeys.Last(key)));
        if ((await SyncAsync(wanted, present, stale, cancellationToken, emptyFolders).ConfigureAwait(false)).Failed(out _, out error)) return error;

        if ((await ReadValuesAsync(keys.LegacyStates, cancellationToken).ConfigureAwait(false)).Failed(out var presentLegacy, out error)) return error;
        foreach (var state in report.States)
        {
            var key = keys.LegacyState(state.Name);
            if (globals.Contains(state.Name) && presentLegacy.TryGetValue(key, out var there) && RegistryValues.MachineOf(there.Value) is { } other
                && !own.Contains(other) && registered.Contains(other) && string.CompareOrdinal(other, state.MachineId) > 0)
            {
                legacy.Remove(key);
            }
        }
        var staleLegacy = presentLegacy.Where(pair => !legacy.ContainsKey(pair.Key) && RegistryValues.MachineOf(pair.Value.Value) is { } id && own.Contains(id)).Select(pair => pair.Key);
        return await SyncAsync(legacy, presentLegacy, staleLegacy, cancellationToken).ConfigureAwait(false);
    }

    // With folders (states/NAME), a unit's folder goes with its last state, as it does in the
    // reference's keyspace: etcd would keep it, empty, after its last key is deleted.
    private async Task<Either<APIError, Unit>> SyncAsync(Dictionary<string, string> wanted, Dictionary<string, (string? Value, long? Ttl)> present, IEnumerable<string> stale, CancellationToken cancellationToken, IEnumerable<string>? folders = null)
    {
        var emptied = new System.Collections.Generic.HashSet<string>(folders ?? [], StringComparer.Ordinal);
        foreach (var key in stale.ToList())
        {
            var deleted = await etcd.DeleteAsync(key, EtcdDeleteOptions.Default, cancellationToken).ConfigureAwait(false);
            if (Unexpected(deleted, EtcdErrorCodes.KeyNotFound) is { } error) return error;
            if (folders is not null) emptied.Add(key[..key.LastIndexOf('/')]);
        }
        foreach (var folder in emptied)
        {
            if (wanted.Keys.Any(key => key.StartsWith(folder + "/", StringComparison.Ordinal))) continue;
            var deleted = await etcd.DeleteAsync(folder, new EtcdDeleteOptions { Dir = true }, cancellationToken).ConfigureAwait(false);
            if (Unexpected(deleted, EtcdErrorCodes.KeyNotFound, EtcdErrorCodes.DirectoryNotEmpty) is { } error) return error;
        }
        foreach (var (key, value) in wanted)
        {
            if (present.TryGetValue(key, out var there) && there.Value == value && there.Ttl is { } ttl && TimeSpan.FromSeconds(ttl) > RenewBelow) continue;
            var set = await etcd.SetAsync(key, value, WithTtl, cancellationToken).ConfigureAwait(false);
            if (set.Failed(out _, out var error)) return error;
        }
        return Unit.Default;
    }

    // The agents' heartbeats, job/NAME/job-state = MACHINE while the unit is launched there. A
    // renewal only renews a heartbeat that is still there (a destroyed unit's folder is not
    // brought back); one this process no longer gives is removed while it still names its machine.
    private async Task<Either<APIError, Unit>> BeatAsync(AgentReport report, IReadOnlyList<FleetUnit> units, CancellationToken cancellationToken)
    {
        var stopped = heartbeats.Where(pair => !report.Heartbeats.TryGetValue(pair.Key, out var id) || id != pair.Value.MachineId)
            .Select(pair => (Name: pair.Key, pair.Value.MachineId))
            .Concat(units.Where(unit => unit.CurrentState == DesiredState.Launched && unit.MachineId is { } id && own.Contains(id) && !report.Heartbeats.ContainsKey(unit.Name) && !heartbeats.ContainsKey(unit.Name))
                .Select(unit => (unit.Name, MachineId: unit.MachineId!)))
            .ToList();
        foreach (var (name, machineId) in stopped)
        {
            var deleted = await etcd.DeleteAsync(keys.Heartbeat(name), new EtcdDeleteOptions { PrevValue = machineId }, cancellationToken).ConfigureAwait(false);
            if (Unexpected(deleted, EtcdErrorCodes.KeyNotFound, EtcdErrorCodes.CompareFailed) is { } error) return error;
            heartbeats.Remove(name);
            if (deleted.IsRight && !units.Any(unit => unit.Name == name))
            {
                // A heartbeat that outlived its unit's destroy: its folder goes with it.
                var folder = await etcd.DeleteAsync(keys.Job(name), new EtcdDeleteOptions { Dir = true }, cancellationToken).ConfigureAwait(false);
                if (Unexpected(folder, EtcdErrorCodes.KeyNotFound, EtcdErrorCodes.DirectoryNotEmpty) is { } folderError) return folderError;
            }
        }
        var now = time.GetUtcNow();
        foreach (var (name, machineId) in report.Heartbeats)
        {
            var renewal = heartbeats.TryGetValue(name, out var last) && last.MachineId == machineId;
            if (renewal && now - last.Written < Ttl - RenewBelow) continue;
            var options = renewal ? new EtcdSetOptions { Ttl = Ttl, PrevValue = machineId } : WithTtl;
            var set = await etcd.SetAsync(keys.Heartbeat(name), machineId, options, cancellationToken).ConfigureAwait(false);
            if (Unexpected(set, EtcdErrorCodes.KeyNotFound, EtcdErrorCodes.CompareFailed) is { } error) return error;
            var beating = set.IsRight;
            if (beating && !renewal)
            {
                if ((await UndoIfDestroyedAsync(name, keys.Heartbeat(name), machineId, cancellationToken).ConfigureAwait(false)).Failed(out beating, out error)) return error;
            }
            if (beating) heartbeats[name] = (machineId, now);
            else heartbeats.Remove(name);
        }
        return Unit.Default;
    }

    // A unit destroyed between this pass's read and its write would get its folder back with only
    // what was written (etcd makes the folders of a key it sets): when the unit's object is gone,
    // the key is taken back and the folder removed if that left it empty. Answers whether the key stays.
    private async Task<Either<APIError, bool>> UndoIfDestroyedAsync(string name, string key, string value, CancellationToken cancellationToken)
    {
        var found = await etcd.GetAsync(keys.JobObject(name), EtcdGetOptions.Default, cancellationToken).ConfigureAwait(false);
        if (found.IsRight) return true;
        if (Unexpected(found, EtcdErrorCodes.KeyNotFound) is { } error) return error;
        var deleted = await etcd.DeleteAsync(key, new EtcdDeleteOptions { PrevValue = value }, cancellationToken).ConfigureAwait(false);
        if (Unexpected(deleted, EtcdErrorCodes.KeyNotFound, EtcdErrorCodes.CompareFailed) is { } deleteError) return deleteError;
        var folder = await etcd.DeleteAsync(keys.Job(name), new EtcdDeleteOptions { Dir = true }, cancellationToken).ConfigureAwait(false);
        if (Unexpected(folder, EtcdErrorCodes.KeyNotFound, EtcdErrorCodes.DirectoryNotEmpty) is { } folderError) return folderError;
        return false;
    }

    // Every key with a value under a folder (none when etcd has no such folder), with its TTL,
    // and the empty folders below it when asked.
    private async Task<Either<APIError, Dictionary<string, (string? Value, long? Ttl)>>> ReadValuesAsync(string folder, CancellationToken cancellationToken, List<string>? emptyFolders = null)
    {
        var values = new Dictionary<string, (string? Value, long? Ttl)>(StringComparer.Ordinal);
        var read = await etcd.GetAsync(folder, Folder, cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var response, out var error)) return error.EtcdCode == EtcdErrorCodes.KeyNotFound ? values : error;
        foreach (var child in response.Node.Nodes) Collect(child, values, emptyFolders);
        return values;
    }

    private static void Collect(EtcdNode node, Dictionary<string, (string? Value, long? Ttl)> values, List<string>? emptyFolders)
    {
        if (!node.Dir)
        {
            values[node.Key] = (node.Value, node.Ttl);
            return;
        }
        if (node.Nodes.Count == 0) emptyFolders?.Add(node.Key);
        foreach (var child in node.Nodes) Collect(child, values, emptyFolders);
    }

    // The failure of an etcd call, unless it is one of the answers a racing write may get.
    private static APIError? Unexpected(Either<APIError, EtcdResponse> result, params int[] expected) =>
        result.Failed(out _, out var error) && !(error.EtcdCode is { } code && expected.Contains(code)) ? error : null;
}
