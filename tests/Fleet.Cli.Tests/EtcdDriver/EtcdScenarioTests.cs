using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Fleet.Cli.Tests.Harness;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Registry;
using Fleet.Tests.Shared;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using EtcdStep = Fleet.Tests.Shared.Etcd.ReferenceStep;
using Keyspace = Fleet.Tests.Shared.Etcd.Keyspace;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Cli.Tests.EtcdDriver;

/// <summary>
/// The reference's etcd scenario in order, steps 017 to 072 and 083 to 085, against a real etcd
/// whose cluster is the simulated fleetd for the reference's three machines, its engine and
/// agents, and fleet's API served over the same registry on a unix socket: fleetctl-net as a
/// process with <c>--driver=etcd</c> and with the API driver, and the reference's direct requests
/// to etcd and to fleet's API. Each checked step prints what fleetctl printed, exits as it did,
/// answers as fleet answered, and leaves the keyspace fleet left. (Steps 073 to 082, on
/// endpoints and variables, need no cluster: <see cref="EtcdDriverTests"/> runs them.)
/// </summary>
public sealed class EtcdScenarioTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private const string FleetPrefix = "/_coreos.com/fleet";
    private const string OtherPrefix = "/otherfleet";

    // real-fleet.sh runs this scenario with fleet's own code in our place: fleetctl v1.0.0 as
    // the program (FLEET_CLI_NATIVE names it; then step 040 is fleetctl's, which activates the
    // template), and/or fleet's API handlers over its EtcdRegistry (FLEET_API_PROGRAM, the
    // benchmarks' fleet-api) serving the API steps over the registry our engine and agents keep.
    private static readonly bool IsFleetctl = Environment.GetEnvironmentVariable("FLEET_CLI_IS_FLEETCTL") == "1";
    private static readonly string? FleetApiProgram = Environment.GetEnvironmentVariable("FLEET_API_PROGRAM") is { Length: > 0 } program ? program : null;

    [Fact]
    public async Task The_scenario_prints_answers_and_leaves_in_etcd_what_fleet_did_at_every_step()
    {
        var unique = Guid.NewGuid().ToString("N");
        var prefixes = new Dictionary<string, string> { [FleetPrefix] = $"/scenario-{unique}", [OtherPrefix] = $"/other-{unique}" };
        var socket = Path.Combine(Path.GetTempPath(), $"fleet-{unique}.sock");
        var options = new EtcdFleetOptions
        {
            Registry = new FleetRegistryOptions { KeyPrefix = prefixes[FleetPrefix] },
            Interval = TimeSpan.FromMilliseconds(50),
            UnixSocketPath = FleetApiProgram is null ? socket : null,
        };
        await using var fleet = (await EtcdFleet.StartAsync(ReferenceCluster.Machines, [etcd.Server.ClientUrl], options)).Right();
        using var fleetApi = FleetApiProgram is null ? null : await StartFleetApiAsync(FleetApiProgram, etcd.Server.ClientUrl, prefixes[FleetPrefix], socket);
        await using var keys = EtcdKeysClient.Create(etcd.Server.ClientUrl).Right();
        var steps = JsonDocument.Parse(File.ReadAllText(Path.Combine(EtcdStep.Folder, "index.json"))).RootElement.EnumerateArray()
            .Where(step => int.Parse(step.GetProperty("id").GetString()![..3], CultureInfo.InvariantCulture) is (>= 17 and <= 72) or >= 83)
            .ToList();

        var differences = new List<string>();
        var compared = 0;
        foreach (var step in steps)
        {
            var id = step.GetProperty("id").GetString()!;
            var reference = EtcdStep.Load(id[..3]);
            string Place(string text) => text
                .Replace("{ETCD}", etcd.Server.ClientUrl, StringComparison.Ordinal)
                .Replace("{SOCK}", socket, StringComparison.Ordinal)
                .Replace(OtherPrefix, prefixes[OtherPrefix], StringComparison.Ordinal);

            var isHttp = step.GetProperty("kind").GetString() == "http";
            var (status, body) = isHttp ? await SendAsync(keys, socket, prefixes[FleetPrefix], step.GetProperty("command").GetString()!, step.GetProperty("sent").GetString()!) : default;
            CliResult? result = null;
            if (!isHttp)
            {
                var arguments = step.GetProperty("argv").EnumerateArray().Select(a => Place(a.GetString()!)).ToList();
                var environment = new Dictionary<string, string?> { ["FLEETCTL_ETCD_KEY_PREFIX"] = prefixes[FleetPrefix] };
                foreach (var variable in step.GetProperty("env").EnumerateObject()) environment[variable.Name] = Place(variable.Value.GetString()!);
                result = await CliProcess.RunAsync(arguments, environment, Path.Combine(EtcdStep.Folder, "units"));
            }
            // The reference gave its cluster time to act after these steps (a --no-block command
            // returns before the agents have); here the cluster acts until the registry holds still.
            if (step.TryGetProperty("settle", out var settle) && settle.GetBoolean()) await EtcdFleetSettling.SettleAsync(fleet, () => Keyspace.ReadAsync(keys, prefixes[FleetPrefix]));

            if (id.StartsWith("040", StringComparison.Ordinal) && !IsFleetctl)
            {
                // Deliberately unlike fleetctl's etcd driver: a template is not activated, and the
                // refusal is the one fleetctl prints with fleet's API driver (step 039).
                compared++;
                Compare(differences, id, "stderr", EtcdStep.Load("039").Text("--- stderr ---"), result!.Stderr);
                Compare(differences, id, "exit", "1", result.ExitCode.ToString(CultureInfo.InvariantCulture));
                // The cluster goes on as fleet's did: the template written launched, as fleetctl wrote it.
                (await keys.SetAsync($"{prefixes[FleetPrefix]}/job/web@.service/target-state", "launched")).Right();
                await EtcdFleetSettling.SettleAsync(fleet, () => Keyspace.ReadAsync(keys, prefixes[FleetPrefix]));
            }
            else if (!step.GetProperty("check").GetBoolean())
            {
                continue;
            }
            else if (isHttp)
            {
                compared++;
                Compare(differences, id, "status", step.GetProperty("status").GetInt32().ToString(CultureInfo.InvariantCulture), status.ToString(CultureInfo.InvariantCulture));
                if (step.GetProperty("command").GetString()!.Contains("{SOCK}", StringComparison.Ordinal)) Compare(differences, id, "body", ResponseBody(reference), body);
            }
            else
            {
                compared++;
                var racy = step.TryGetProperty("racy", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToList() : [];
                Compare(differences, id, "stdout", reference.Text("--- stdout ---"), result!.Stdout, racy);
                Compare(differences, id, "stderr", reference.Text("--- stderr ---"), result.Stderr, racy);
                Compare(differences, id, "exit", step.GetProperty("exit").GetInt32().ToString(CultureInfo.InvariantCulture), result.ExitCode.ToString(CultureInfo.InvariantCulture));
            }

            if (!step.TryGetProperty("keyspace", out var dumped) || dumped.ValueKind != JsonValueKind.Array) continue;
            foreach (var referencePrefix in dumped.EnumerateArray().Select(p => p.GetString()!))
            {
                var ours = prefixes[referencePrefix];
                var expected = WithoutFleetd(reference.Keyspace(referencePrefix), referencePrefix);
                var actual = WithoutFleetd((await Keyspace.ReadAsync(keys, ours)).Select(line => referencePrefix + line[ours.Length..]), referencePrefix);
                Compare(differences, id, $"keyspace {referencePrefix}", string.Join('\n', expected), string.Join('\n', actual));
            }
        }

        if (fleetApi is not null) await DaemonProcess.StopAsync(fleetApi);
        Assert.True(differences.Count == 0, string.Join("\n\n", differences));
        Assert.Equal(steps.Count(step => step.GetProperty("check").GetBoolean()), compared);
        Assert.Null(fleet.LastError);
    }

    // fleet's API handlers over its own registry code, on the socket, until its first lines say it serves.
    private static async Task<System.Diagnostics.Process> StartFleetApiAsync(string program, string etcdUrl, string prefix, string socket)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-etcd", etcdUrl, "-prefix", prefix, "-unix", socket, "-machines", "0"]) start.ArgumentList.Add(argument);
        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        using var deadline = new CancellationTokenSource(CliProcess.DefaultDeadline);
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line && !line.EndsWith(" machines", StringComparison.Ordinal))
        {
        }
        return process;
    }

    // What fleetd's engine writes for its election, which the reference's stand-in did not
    // (its README says to leave those keys out), and the folders etcd keeps empty.
    private static List<string> WithoutFleetd(IEnumerable<string> lines, string prefix) =>
        [.. lines.Where(line => !line.EndsWith('/')
            && !line.StartsWith(prefix + "/lease/", StringComparison.Ordinal)
            && !line.StartsWith(prefix + "/engine/", StringComparison.Ordinal))];

    // One request as the reference made it: to etcd's keys API (the form value, under this
    // test's prefix) or to fleet's API on the unix socket.
    private static async Task<(int Status, string Body)> SendAsync(EtcdKeysClient keys, string socket, string prefix, string command, string sent)
    {
        var (method, target) = (command[..command.IndexOf(' ', StringComparison.Ordinal)], command[(command.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        if (target.StartsWith("{ETCD}/v2/keys", StringComparison.Ordinal))
        {
            Assert.Equal("PUT", method);
            var key = prefix + target["{ETCD}/v2/keys".Length..][FleetPrefix.Length..];
            var set = await keys.SetAsync(key, sent["value=".Length..]);
            return (set.IsRight ? 200 : set.Left().Code ?? 0, "");
        }
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                return new NetworkStream(client, ownsSocket: true);
            },
        });
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://fleet" + target["unix:{SOCK}".Length..]);
        if (sent.Length > 0) request.Content = new StringContent(sent, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string ResponseBody(EtcdStep step)
    {
        var lines = step.Section("--- response body ---");
        return lines.Count > 0 && lines[^1] == @"\ no newline at end" ? string.Join('\n', lines.Take(lines.Count - 1)) : step.Text("--- response body ---");
    }


    // "order": lines in any order; "on-machine": a launched line may lack " on MACHINE/IP".
    private static void Compare(List<string> differences, string id, string what, string expected, string actual, IReadOnlyList<string?>? racy = null)
    {
        if (racy is { Count: > 0 })
        {
            expected = Canonical(expected, racy);
            actual = Canonical(actual, racy);
        }
        if (expected != actual) differences.Add($"{id} {what}:\n--- expected ---\n{expected}\n--- actual ---\n{actual}");
    }

    private static string Canonical(string text, IReadOnlyList<string?> racy)
    {
        IEnumerable<string> lines = text.Split('\n');
        if (racy.Contains("on-machine")) lines = lines.Select(line => line.Contains(" launched on ", StringComparison.Ordinal) ? line[..(line.IndexOf(" on ", StringComparison.Ordinal))] : line);
        if (racy.Contains("order")) lines = lines.Order(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
