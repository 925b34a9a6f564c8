using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.Simulator.Cluster;
using Fleet.Tests.Shared;
using Fleet.UnitFiles;

namespace Fleet.Simulator.Tests.Cluster;

/// <summary>
/// Replays every request the reference <c>main</c> server took through the registry's PUT/DELETE/PATCH
/// semantics, lets the engine and agents act after each, and holds every unit, units-list and state
/// answer the reference gave against what the pure functions say.
/// </summary>
public class TranscriptReplayTests
{
    // Answers withheld from the corpus but whose effect later answers show: 0077 lists extra.service,
    // 0128 shows metadata b=2 on the db machine. The other withheld requests change nothing (415, 400, 409, reads).
    private static readonly HashSet<string> WithheldButApplied = new(StringComparer.Ordinal)
    {
        "0052-put-create-unknown-fields",
        "0111-machines-patch-multi",
    };

    private static readonly string Folder = TranscriptIndex.Folder;

    [Fact]
    public void Every_unit_and_state_the_reference_served_matches_the_engine_and_agent() => Replay(target => target);

    [Fact]
    public void The_replay_reads_names_as_fleet_does_when_they_come_percent_encoded_as_python_fleet_sends_them()
    {
        // python-fleet escapes the '@' of an instance in every path; fleet decodes before routing.
        var encoded = 0;
        Replay(target =>
        {
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? target : target[..question];
            if (!path.Contains('@', StringComparison.Ordinal)) return target;
            encoded++;
            return path.Replace("@", "%40", StringComparison.Ordinal) + (question < 0 ? "" : target[question..]);
        });
        Assert.True(encoded >= 5, $"only {encoded} captured paths name an instance");
    }

    private static void Replay(Func<string, string> asSent)
    {
        var machines = ClusterFixtures.Machines.ToList();
        IReadOnlyList<StoredUnit> units = [];
        var report = AgentReport.Empty;
        var compared = new List<string>();

        foreach (var entry in TranscriptIndex.Entries().Where(e => e.Server == "main"))
        {
            var (method, target, body) = ReadRequest(File.ReadAllBytes(Path.Combine(Folder, entry.Request)), asSent);
            var applied = entry.Status is 201 or 204 || WithheldButApplied.Contains(entry.Id);
            if (applied && method is "PUT" or "DELETE" or "PATCH")
            {
                if (method == "PATCH") machines = Patch(machines, body);
                else units = method == "PUT" ? Put(units, target.LastSegment, body) : Delete(units, target.LastSegment);
                (units, report) = ClusterFixtures.Act(machines, units);
            }

            if (method != "GET" || entry.Status != 200 || entry.Response is null) continue;
            var answer = JsonNode.Parse(RawHttp.Split(File.ReadAllBytes(Path.Combine(Folder, entry.Response))).Body)!;
            if (CheckAnswer(entry.Id, target, answer, units, report)) compared.Add(entry.Id);
        }

        // The scenarios the brief names must be among those held against the reference.
        Assert.Superset(
            new HashSet<string> { "0015-unit-get", "0041-unit-get-loaded", "0046-unit-get-replaced", "0054-template-get", "0060-global-get", "0078-state-list", "0080-state-by-machine", "0081-state-by-unit", "0084-state-get", "0077-units-list-skips-broken", "0381-units-page-3" },
            compared.ToHashSet());
    }

    private static bool CheckAnswer(string id, RequestTarget target, JsonNode answer, IReadOnlyList<StoredUnit> units, AgentReport report)
    {
        var (path, query) = (target.Path, target.FirstValues);
        const string unitsPath = "/fleet/v1/units";
        const string statePath = "/fleet/v1/state";
        if (path.StartsWith(unitsPath + "/", StringComparison.Ordinal))
        {
            var unit = units.Single(u => u.Name == target.LastSegment);
            var global = unit.File.Requirements(unit.Name).Global;
            Assert.True((Text(answer, "machineID"), Text(answer, "currentState")) == (global ? null : unit.TargetMachineId, Agent.CurrentState(unit, report)), $"{id}: {answer.ToJsonString()} vs {unit.TargetMachineId}/{Agent.CurrentState(unit, report)}");
            return true;
        }
        if (path == unitsPath)
        {
            foreach (var listed in answer["units"]?.AsArray() ?? [])
            {
                var unit = units.Single(u => u.Name == Text(listed!, "name"));
                Assert.True((Text(listed!, "machineID"), Text(listed!, "currentState")) == (unit.TargetMachineId, Agent.ListedCurrentState(unit, report)), $"{id}: {listed!.ToJsonString()}");
            }
            // The units list leaves out what fleet cannot read (an unparsable target state).
            if (!query.ContainsKey("nextPageToken"))
            {
                Assert.Equal(
                    units.Where(EngineUnit.HasValidTargetState).Select(u => u.Name).Take(100),
                    (answer["units"]?.AsArray() ?? []).Select(u => Text(u!, "name")));
            }
            return true;
        }
        if (path == statePath)
        {
            var expected = report.States
                .Where(s => !query.TryGetValue("machineID", out var m) || s.MachineId == m)
                .Where(s => !query.TryGetValue("unitName", out var n) || s.Name == n);
            Assert.Equal(expected.Select(Describe), (answer["states"]?.AsArray() ?? []).Select(s => Describe(State(s!))));
            return true;
        }
        if (path.StartsWith(statePath + "/", StringComparison.Ordinal))
        {
            var name = target.LastSegment;
            Assert.Equal(Describe(report.States.First(s => s.Name == name)), Describe(State(answer)));
            return true;
        }
        return false;
    }

    private static string Describe(UnitState s) =>
        $"{s.Name} {s.MachineId} {s.Hash} {s.SystemdLoadState}/{s.SystemdActiveState}/{s.SystemdSubState}";

    private static UnitState State(JsonNode node) => new(
        Text(node, "name")!, Text(node, "hash"), Text(node, "machineID"),
        Text(node, "systemdLoadState"), Text(node, "systemdActiveState"), Text(node, "systemdSubState"));

    private static string? Text(JsonNode node, string key) => node[key]?.GetValue<string>();

    private static IReadOnlyList<StoredUnit> Put(IReadOnlyList<StoredUnit> units, string name, JsonNode? body)
    {
        var desired = body?["desiredState"]?.GetValue<string>();
        var options = body?["options"]?.AsArray().Select(o => new UnitOption(Text(o!, "section")!, Text(o!, "name")!, Text(o!, "value")!)).ToList();
        var existing = units.SingleOrDefault(u => u.Name == name);
        StoredUnit stored;
        if (existing is null)
        {
            stored = new StoredUnit(name, UnitFile.FromOptions(options!), desired ?? "inactive");
        }
        else if (options is { Count: > 0 } && !UnitFile.FromOptions(options).Equals(existing.File))
        {
            // A replaced unit keeps its machine; without a desiredState it becomes inactive.
            stored = existing with { File = UnitFile.FromOptions(options), TargetState = desired ?? "inactive" };
        }
        else
        {
            stored = existing with { TargetState = desired! };
        }
        return [.. units.Where(u => u.Name != name).Append(stored).OrderBy(u => u.Name, StringComparer.Ordinal)];
    }

    private static IReadOnlyList<StoredUnit> Delete(IReadOnlyList<StoredUnit> units, string name) =>
        [.. units.Where(u => u.Name != name)];

    private static List<SimulatedMachine> Patch(List<SimulatedMachine> machines, JsonNode? body)
    {
        foreach (var op in body!.AsArray())
        {
            var parts = Text(op!, "path")!.Split('/');
            var (id, key) = (parts[1], parts[3]);
            var index = machines.FindIndex(m => m.Id == id);
            if (index < 0) continue;
            var metadata = machines[index].Metadata.ToDictionary(StringComparer.Ordinal);
            if (Text(op!, "op") == "remove") metadata.Remove(key);
            else metadata[key] = op!["value"]!["value"]!.GetValue<string>();
            machines[index] = machines[index] with { Metadata = ValueMap.From(metadata) };
        }
        return machines;
    }

    private static (string Method, RequestTarget Target, JsonNode? Body) ReadRequest(byte[] raw, Func<string, string> asSent)
    {
        var text = Encoding.UTF8.GetString(raw);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..split].Split("\r\n")[0].Split(' ');
        JsonNode? body = null;
        try
        {
            var content = text[(split + 4)..];
            if (content.Length > 0) body = JsonNode.Parse(content);
        }
        catch (JsonException)
        {
            // The malformed bodies are the 400 scenarios; nothing is applied for them.
        }
        return (head[0], RequestTarget.Parse(asSent(head[1])), body);
    }
}
