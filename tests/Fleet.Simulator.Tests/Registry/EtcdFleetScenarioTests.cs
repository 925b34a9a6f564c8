using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Registry;
using Fleet.Tests.Shared;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary>
/// The reference's scenario from an empty registry: every change of steps 017 to 055 made
/// through the registry client (one raw etcd write where fleetctl's etcd driver writes what the
/// client refuses), and after each step the whole keyspace, unit files included, as fleet left it;
/// the same whether one instance runs the three machines or two instances share them.
/// </summary>
public sealed class EtcdFleetScenarioTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    // STEP: ACTION UNIT... (steps whose keyspace the reference withholds are made, not checked), where ACTION is create (inactive, from the reference's file), a
    // desired state (created from FILE first with "from FILE"), destroy, or raw KEY=VALUE; a step
    // without an action only reads, and its keyspace is checked all the same.
    private static readonly string[] Steps =
    [
        "017: create hello.service",
        "018:",
        "019: create ping.service pong.service web@.service monitor.service db.service nowhere.service",
        "020:", "022:", "024:",
        "025: loaded ping.service",
        "026: loaded db.service",
        "027: launched hello.service",
        "028: launched pong.service",
        "029: launched web@1.service web@2.service from web@.service",
        "030: launched monitor.service",
        "031: launched db.service",
        "032: launched nowhere.service",
        "033:", "034:", "037:", "039:",
        "040: raw job/web@.service/target-state=launched",
        "042: destroy web@.service",
        "043: create web@3.service from web@.service",
        "044: loaded hello.service",
        "045: loaded pong.service",
        "046: loaded monitor.service",
        "048: inactive ping.service",
        "049: inactive db.service",
        "050:", "051:",
        "052: destroy pong.service",
        "053: destroy web@1.service web@2.service",
        "054:",
        "055: inactive hello.service",
    ];

    // One instance of the three machines, or two of them (the first two, the third) electing one engine.
    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public async Task Keeps_the_registry_as_fleet_did_through_the_reference_scenario(int firstInstanceMachines)
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        var options = new FleetRegistryOptions { KeyPrefix = prefix };
        var fleetOptions = new EtcdFleetOptions { Registry = options, Interval = TimeSpan.FromMilliseconds(50) };
        await using var fleet = (await EtcdFleet.StartAsync(ReferenceCluster.Machines.Take(firstInstanceMachines), [etcd.Url], fleetOptions)).Right();
        await using var other = (await EtcdFleet.StartAsync(ReferenceCluster.Machines.Skip(firstInstanceMachines), [etcd.Url], fleetOptions)).Right();
        await using var client = (await FleetClient.ConnectToRegistryAsync([etcd.Url], options)).Right();

        foreach (var line in Steps)
        {
            var step = line[..3];
            var words = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0) await ApplyAsync(client, keys, prefix, words);
            if (ReferenceKeyspace.Has(step)) await ConvergesAsync(keys, prefix, step);
        }
    }

    private static async Task ApplyAsync(FleetClient client, EtcdKeysClient keys, string prefix, string[] words)
    {
        var from = Array.IndexOf(words, "from");
        var names = from < 0 ? words[1..] : words[1..from];
        foreach (var name in names)
        {
            var file = words[0] is "create" || from >= 0 ? ReferenceKeyspace.Unit(from < 0 ? name : words[from + 1]) : null;
            var done = words[0] switch
            {
                "create" => await client.CreateUnitAsync(name, file!),
                "destroy" => await client.DestroyUnitAsync(name),
                "raw" => (await keys.SetAsync(prefix + "/" + name.Split('=')[0], name.Split('=')[1])).Map(_ => LanguageExt.Unit.Default),
                var state when from < 0 => await client.SetDesiredStateAsync(name, DesiredStates.Parse(state).Right()),
                var state => await client.CreateUnitAsync(name, file!, DesiredStates.Parse(state).Right()),
            };
            done.Right();
        }
    }

    private static async Task ConvergesAsync(EtcdKeysClient keys, string prefix, string step)
    {
        var expected = ReferenceKeyspace.Of(step).ToList();
        using var deadline = new CancellationTokenSource(Deadline);
        List<string> actual;
        while (true)
        {
            // The reference's stand-in held no election: fleet's lease and engine version are not in it.
            actual = [.. (await ReferenceKeyspace.ReadAsync(keys, prefix)).Where(line => !line.StartsWith(ReferenceKeyspace.Prefix + "/lease/", StringComparison.Ordinal) && !line.StartsWith(ReferenceKeyspace.Prefix + "/engine/", StringComparison.Ordinal))];
            if (actual.SequenceEqual(expected) || deadline.IsCancellationRequested) break;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.True(actual.SequenceEqual(expected), $"after step {step}:\n  missing: {string.Join("\n           ", expected.Except(actual))}\n  extra:   {string.Join("\n           ", actual.Except(expected))}");
    }
}
