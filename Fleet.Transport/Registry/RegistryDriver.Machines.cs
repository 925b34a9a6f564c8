using System.Runtime.CompilerServices;
using Fleet.Core;
using Fleet.Transport.Etcd;
using LanguageExt;

namespace Fleet.Transport.Registry;

internal sealed partial class RegistryDriver
{
    /// <summary>
    /// fleet's <c>Machines</c>: each <c>machines/ID/object</c> with the values of
    /// <c>machines/ID/metadata/KEY</c> merged over its metadata (an empty one removes the key), in
    /// id order; a folder without an object (or one without an id) is left out.
    /// </summary>
    public async IAsyncEnumerable<Either<APIError, Machine>> ListMachines([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var machines = await ReadMachinesAsync(cancellationToken).ConfigureAwait(false);
        if (machines.Failed(out var list, out var error))
        {
            yield return error;
            yield break;
        }
        foreach (var machine in list) yield return machine;
    }

    /// <summary>fleet's <c>SetMachineMetadata</c> per edit, in order; a removal writes an empty value, as fleet's <c>DeleteMachineMetadata</c> does.</summary>
    public async Task<Either<APIError, Unit>> EditMachineMetadataAsync(IReadOnlyList<MetadataEdit> edits, CancellationToken cancellationToken)
    {
        foreach (var edit in edits)
        {
            var value = edit.Operation == MetadataOperation.Remove ? "" : edit.Value ?? "";
            var set = await etcd.SetAsync(keys.Metadata(edit.MachineId, edit.Key), value, EtcdSetOptions.Default, cancellationToken).ConfigureAwait(false);
            if (set.Failed(out _, out var error)) return error;
        }
        return Unit.Default;
    }

    private async Task<Either<APIError, List<Machine>>> ReadMachinesAsync(CancellationToken cancellationToken)
    {
        var machines = new List<Machine>();
        if ((await ReadFolderAsync(keys.Machines, SortedFolder, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var error)) return error;
        if (found.Case is not EtcdNode folder) return machines;
        foreach (var node in folder.Nodes)
        {
            var (failure, machine) = MachineIn(node);
            if (failure is not null) return failure;
            if (machine is not null) machines.Add(machine);
        }
        return machines;
    }

    // fleet's readMachineState: a value fleet cannot read fails the whole list, as it does in fleet;
    // a folder without an object (a machine whose object lapsed or was removed) is no machine.
    private static (APIError? Failure, Machine? Machine) MachineIn(EtcdNode folder)
    {
        MachineModel? model = null;
        Dictionary<string, string>? dynamic = null;
        foreach (var child in folder.Nodes)
        {
            if (child.Key.EndsWith("/object", StringComparison.Ordinal))
            {
                if (Decode(child.Value, child.Key, RegistryJsonContext.Default.MachineModel).Failed(out var decoded, out var error)) return (error, null);
                model = decoded;
            }
            else if (child.Key.EndsWith("/metadata", StringComparison.Ordinal))
            {
                dynamic = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var value in child.Nodes) dynamic[RegistryKeys.Last(value.Key)] = value.Value ?? "";
            }
        }
        if (string.IsNullOrEmpty(model?.Id)) return (null, null);
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in model.Metadata ?? []) metadata[key] = value ?? "";
        foreach (var (key, value) in dynamic ?? [])
        {
            if (value.Length == 0) metadata.Remove(key);
            else metadata[key] = value;
        }
        return (null, new Machine(model.Id, OrNull(model.PublicIP), metadata) { Version = OrNull(model.Version) });
    }
}
