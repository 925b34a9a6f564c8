using System.Text.Json;
using Fleet.Cli.Tests.Harness;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Registry;
using Fleet.Tests.Shared;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using EtcdStep = Fleet.Tests.Shared.Etcd.ReferenceStep;

namespace Fleet.Cli.Tests.EtcdDriver;

/// <summary>
/// The reference's etcd scenario, steps 017 to 055 in order, through fleetctl-net as a process
/// with <c>--driver=etcd</c>, against a real etcd whose cluster is the simulated fleetd's engine
/// and agents for the reference's three machines: each checked step prints what fleetctl printed
/// and exits as it did.
/// </summary>
public sealed class EtcdScenarioTests(EtcdDriverFixture etcd) : IClassFixture<EtcdDriverFixture>
{
    [Fact]
    public async Task The_scenario_prints_what_fleetctl_printed_at_every_step()
    {
        var prefix = $"/scenario-{Guid.NewGuid():N}";
        var registry = new FleetRegistryOptions { KeyPrefix = prefix };
        await using var fleet = (await EtcdFleet.StartAsync(ReferenceCluster.Machines, [etcd.Server.ClientUrl], new EtcdFleetOptions { Registry = registry, Interval = TimeSpan.FromMilliseconds(50) })).Right();
        var steps = JsonDocument.Parse(File.ReadAllText(Path.Combine(EtcdStep.Folder, "index.json"))).RootElement.EnumerateArray()
            .Where(step => int.Parse(step.GetProperty("id").GetString()![..3], System.Globalization.CultureInfo.InvariantCulture) is >= 17 and <= 55)
            .Where(step => step.GetProperty("kind").GetString() == "fleetctl" && step.GetProperty("argv").EnumerateArray().Any(a => a.GetString() == "--driver=etcd"));

        var differences = new List<string>();
        var compared = new List<string>();
        foreach (var step in steps)
        {
            var id = step.GetProperty("id").GetString()!;
            var arguments = step.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!.Replace("{ETCD}", etcd.Server.ClientUrl, StringComparison.Ordinal)).ToList();
            var result = await CliProcess.RunAsync(arguments, new Dictionary<string, string?> { ["FLEETCTL_ETCD_KEY_PREFIX"] = prefix }, Path.Combine(EtcdStep.Folder, "units"));
            // The reference gave its cluster time to act after these steps (a --no-block command
            // returns before the agents have); here the cluster acts until the registry holds still.
            if (step.TryGetProperty("settle", out var settle) && settle.GetBoolean()) await SettleAsync(fleet, prefix);

            if (id.StartsWith("040", StringComparison.Ordinal))
            {
                // Deliberately unlike fleetctl's etcd driver: a template is not activated, and the
                // refusal is the one fleetctl prints with fleet's API driver (step 039).
                var api = EtcdStep.Load("039");
                Compare(differences, id, "stderr", api.Text("--- stderr ---"), result.Stderr);
                Compare(differences, id, "exit", "1", result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                // The cluster goes on as fleet's did: the template written launched, as fleetctl wrote it.
                await using var keys = EtcdKeysClient.Create(etcd.Server.ClientUrl).Right();
                (await keys.SetAsync($"{prefix}/job/web@.service/target-state", "launched")).Right();
                continue;
            }
            if (!step.GetProperty("check").GetBoolean()) continue;

            var reference = EtcdStep.Load(id[..3]);
            compared.Add(id[..3]);
            var racy = step.TryGetProperty("racy", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToList() : [];
            Compare(differences, id, "stdout", reference.Text("--- stdout ---"), result.Stdout, racy);
            Compare(differences, id, "stderr", reference.Text("--- stderr ---"), result.Stderr, racy);
            Compare(differences, id, "exit", step.GetProperty("exit").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(differences.Count == 0, string.Join("\n\n", differences));
        Assert.Equal(29, compared.Count);
        Assert.Null(fleet.LastError);
    }

    private async Task SettleAsync(EtcdFleet fleet, string prefix)
    {
        await using var keys = EtcdKeysClient.Create(etcd.Server.ClientUrl).Right();
        var before = await Fleet.Tests.Shared.Etcd.Keyspace.ReadAsync(keys, prefix);
        for (var pass = 0; pass < 20; pass++)
        {
            (await fleet.PassAsync()).Right();
            var after = await Fleet.Tests.Shared.Etcd.Keyspace.ReadAsync(keys, prefix);
            if (after.SequenceEqual(before)) return;
            before = after;
        }
        Assert.Fail($"the cluster under {prefix} did not hold still within 20 passes");
    }

    // "order": lines in any order; "on-machine": a launched line may lack " on MACHINE/IP".
    private static void Compare(List<string> differences, string id, string what, string expected, string actual, IReadOnlyList<string?>? racy = null)
    {
        if (racy is { Count: > 0 })
        {
            expected = Canonical(expected, racy);
            actual = Canonical(actual, racy);
        }
        if (expected != actual) differences.Add($"{id} {what}:\n--- expected ---\n{expected}--- actual ---\n{actual}");
    }

    private static string Canonical(string text, IReadOnlyList<string?> racy)
    {
        IEnumerable<string> lines = text.Split('\n');
        if (racy.Contains("on-machine")) lines = lines.Select(line => line.Contains(" launched on ", StringComparison.Ordinal) ? line[..(line.IndexOf(" on ", StringComparison.Ordinal))] : line);
        if (racy.Contains("order")) lines = lines.Order(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
