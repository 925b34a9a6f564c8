using System.Globalization;
using System.Text.Json;
using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Transport.Etcd;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Fleet.Transport.Registry;

namespace Fleet.Simulator.Registry;

/// <summary>
/// fleet v1.0.0's engine election (its etcd lease manager, without gRPC), so that of several
/// instances over one registry only one schedules. Each reconcile, an engine with a machine:
/// <list type="number">
/// <item>checks <c>engine/version</c>: a missing key reads as 0, a lower version is raised to
/// <see cref="Version"/> (<c>prevValue=OLD</c>, or <c>prevExist=false</c> when the key is missing),
/// a higher one keeps this engine out;</item>
/// <item>renews the lease when it holds it: <c>lease/engine-leader</c> written again with the same
/// value, <c>prevIndex</c> = the index it last saw and the lease TTL (any failure: the lease is lost
/// for this pass);</item>
/// <item>otherwise reads the lease: none there, it is taken with <c>prevExist=false</c>; one at
/// <see cref="Version"/> or higher is the leader's, whoever it names; an older engine's lease is
/// stolen with <c>prevIndex</c> and the TTL plus the time the old one had left, and this engine
/// waits out that time before it schedules.</item>
/// </list>
/// The value is <c>{"MachineID":"ID","Version":1}</c> (Go's JSON of fleet's lease metadata; a value
/// that is not such JSON reads as a version-0 lease of the whole value), the TTL five reconcile
/// intervals. The engine leads when the lease it ends up with names its machine, so an engine that
/// finds its own machine's lease, say after a restart, leads at once. A stopping engine that leads
/// releases the lease (a delete with <c>prevIndex</c>); one that dies leaves it to its TTL.
/// </summary>
/// <remarks>
/// fleet's etcd client sends a TTL as whole seconds, truncated, so an interval under 200 ms gives
/// fleetd a TTL of 0 and a lease etcd drops at once; here such a lease lives one second, the
/// shortest TTL etcd keeps.
/// </remarks>
internal sealed class EngineLease(EtcdKeysClient etcd, RegistryKeys keys, string? machineId, TimeSpan interval, TimeProvider time, ILogger logger)
{
    /// <summary>fleet v1.0.0's engine version.</summary>
    public const int Version = 1;

    private Held? lease;
    private volatile bool leads;
    private DateTimeOffset stolenAt = DateTimeOffset.MinValue;

    /// <summary>The lease's TTL: five reconcile intervals, in whole seconds as fleet's etcd client sends it, at least one.</summary>
    public TimeSpan Ttl { get; } = TtlFor(interval);

    /// <summary>Whether the last finished <see cref="ReconcileAsync"/> let this engine schedule.</summary>
    public bool Leads
    {
        get => leads;
        private set => leads = value;
    }

    /// <summary>The machine the lease named at the last reconcile, or null when none was known.</summary>
    public string? Leader => lease?.MachineId;

    /// <summary>The TTL fleet gives the engine lease for a reconcile interval (see the remarks).</summary>
    public static TimeSpan TtlFor(TimeSpan interval) => TimeSpan.FromSeconds(Math.Max(1, Math.Floor((interval * 5).TotalSeconds)));

    /// <summary><c>lease/engine-leader</c>'s value: fleet's lease metadata as Go's <c>encoding/json</c> writes it.</summary>
    public static string Value(string machineId, int version) =>
        new GoJsonWriter().BeginObject().Name("MachineID").String(machineId).Name("Version").Number(version).EndObject().ToString();

    /// <summary>
    /// The version check and the election, as one engine reconcile starts. Answers whether this
    /// engine schedules now; an etcd answer that loses a race is a no, a transport failure an error.
    /// </summary>
    public async Task<Either<APIError, bool>> ReconcileAsync(CancellationToken cancellationToken)
    {
        // Leads changes only once the reconcile is done, so it always tells of the last whole one.
        var leading = await ElectAsync(cancellationToken).ConfigureAwait(false);
        Leads = leading.IfLeft(false);
        return leading;
    }

    private async Task<Either<APIError, bool>> ElectAsync(CancellationToken cancellationToken)
    {
        if (machineId is null) return false;
        if ((await VersionMatchesAsync(cancellationToken).ConfigureAwait(false)).Failed(out var matches, out var error)) return error;
        if (!matches) return false;
        var before = lease;
        var (failure, now) = IsMine(lease) ? await RenewAsync(lease!, cancellationToken).ConfigureAwait(false) : await AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            lease = null;
            return failure;
        }
        lease = now;
        if (now is not null && now.MachineId != before?.MachineId)
        {
            if (now.MachineId == machineId) EtcdFleetLog.LeadershipAcquired(logger, machineId);
            else EtcdFleetLog.LeaderIs(logger, now.MachineId);
        }
        else if (now is null && IsMine(before))
        {
            EtcdFleetLog.LeadershipLost(logger, machineId);
        }
        return IsMine(lease) && time.GetUtcNow() >= stolenAt;
    }

    /// <summary>A stopping engine's purge: the lease deleted with <c>prevIndex</c> when this engine holds it.</summary>
    public async Task<Either<APIError, LanguageExt.Unit>> ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!IsMine(lease)) return LanguageExt.Unit.Default;
        var held = lease!;
        lease = null;
        Leads = false;
        var deleted = await etcd.DeleteAsync(keys.EngineLeader, new EtcdDeleteOptions { PrevIndex = held.Index }, cancellationToken).ConfigureAwait(false);
        return deleted.Map(_ => LanguageExt.Unit.Default);
    }

    private bool IsMine(Held? held) => held is not null && held.MachineId == machineId;

    private async Task<Either<APIError, bool>> VersionMatchesAsync(CancellationToken cancellationToken)
    {
        var read = await etcd.GetAsync(keys.EngineVersion, EtcdGetOptions.Default, cancellationToken).ConfigureAwait(false);
        int current;
        if (read.Failed(out var response, out var error))
        {
            if (error.EtcdCode != EtcdErrorCodes.KeyNotFound) return error;
            current = 0;
        }
        else if (!int.TryParse(response.Node.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out current))
        {
            // fleet cannot determine the cluster's engine version: its engine sits the pass out.
            return false;
        }
        if (current > Version) return false;
        if (current == Version) return true;
        var raised = await etcd.SetAsync(keys.EngineVersion, Version.ToString(CultureInfo.InvariantCulture), new EtcdSetOptions { PrevValue = current.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        if (raised.Failed(out _, out error) && error.EtcdCode == EtcdErrorCodes.KeyNotFound)
        {
            raised = await etcd.SetAsync(keys.EngineVersion, Version.ToString(CultureInfo.InvariantCulture), new EtcdSetOptions { PrevExist = false }, cancellationToken).ConfigureAwait(false);
        }
        if (!raised.Failed(out _, out error)) return true;
        // Another engine raised it first, or it moved on: fleet's engine sits the pass out.
        return error.EtcdCode is null ? error : false;
    }

    // The lease renewed, or none when etcd refused (it expired or moved on); a transport failure as such.
    private async Task<(APIError? Failure, Held? Lease)> RenewAsync(Held held, CancellationToken cancellationToken)
    {
        var set = await etcd.SetAsync(keys.EngineLeader, Value(held.MachineId, held.Version), new EtcdSetOptions { PrevIndex = held.Index, Ttl = Ttl }, cancellationToken).ConfigureAwait(false);
        return Outcome(set);
    }

    // The lease acquired, the current leader's, the lease stolen from an older engine, or none when a race was lost.
    private async Task<(APIError? Failure, Held? Lease)> AcquireAsync(CancellationToken cancellationToken)
    {
        var read = await etcd.GetAsync(keys.EngineLeader, EtcdGetOptions.Default, cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var existing, out var error))
        {
            if (error.EtcdCode != EtcdErrorCodes.KeyNotFound) return (error, null);
            var acquired = await etcd.SetAsync(keys.EngineLeader, Value(machineId!, Version), new EtcdSetOptions { PrevExist = false, Ttl = Ttl }, cancellationToken).ConfigureAwait(false);
            return Outcome(acquired);
        }
        var found = Held.From(existing.Node);
        if (found.Version >= Version) return (null, found);
        var left = TimeSpan.FromSeconds(Math.Max(0, existing.Node.Ttl ?? 0));
        var stolen = await etcd.SetAsync(keys.EngineLeader, Value(machineId!, Version), new EtcdSetOptions { PrevIndex = found.Index, Ttl = Ttl + left }, cancellationToken).ConfigureAwait(false);
        var outcome = Outcome(stolen);
        if (outcome.Lease is not null) stolenAt = time.GetUtcNow() + left;
        return outcome;
    }

    private static (APIError? Failure, Held? Lease) Outcome(Either<APIError, EtcdResponse> written) =>
        written.Failed(out var response, out var error)
            ? (error.EtcdCode is null ? error : null, null)
            : (null, Held.From(response.Node));

    // A lease as fleet's manager reads it from etcd: the metadata, and the index to compare against.
    private sealed record Held(string MachineId, int Version, long Index)
    {
        public static Held From(EtcdNode node)
        {
            var value = node.Value ?? "";
            return Parse(value) is var (id, version) ? new Held(id, version, node.ModifiedIndex) : new Held(value, 0, node.ModifiedIndex);
        }

        // Go's json.Unmarshal into {MachineID string; Version int}: field names match without regard
        // to case, others are ignored, null leaves the zero values; anything else is an error.
        private static (string, int)? Parse(string value)
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Null) return ("", 0);
                if (root.ValueKind != JsonValueKind.Object) return null;
                var (id, version) = ("", 0);
                foreach (var property in root.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Null) continue;
                    if (string.Equals(property.Name, "MachineID", StringComparison.OrdinalIgnoreCase))
                    {
                        if (property.Value.ValueKind != JsonValueKind.String) return null;
                        id = property.Value.GetString()!;
                    }
                    else if (string.Equals(property.Name, "Version", StringComparison.OrdinalIgnoreCase))
                    {
                        if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out version)) return null;
                    }
                }
                return (id, version);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
