using System.Text;
using System.Text.Json;

namespace Fleet.Cli.Tests.Harness;

/// <summary>
/// One step of what the real fleetctl printed (tests/fleet-reference/fleetctl): the command line,
/// with <c>{SOCK}</c> where the fleet socket's path goes, and the exact exit code, standard output
/// and standard error.
/// </summary>
internal sealed record ReferenceStep(string Id, string Command, int ExitCode, string Stdout, string Stderr, string Note)
{
    /// <summary>The placeholder for the unix socket's path in <see cref="Command"/>.</summary>
    public const string SocketPlaceholder = "{SOCK}";

    private const string StdoutMarker = "--- stdout ---\n";
    private const string StderrMarker = "--- stderr ---\n";
    private const string EndMarker = "--- end ---\n";

    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceStep>> Steps = new(Load);

    /// <summary>The folder of the reference (FLEETCTL_REFERENCE overrides it).</summary>
    public static string Folder => Fleet.Tests.Shared.ReferenceData.Folder("fleetctl", "FLEETCTL_REFERENCE");

    /// <summary>Every step, by id, in the reference's order.</summary>
    public static IReadOnlyDictionary<string, ReferenceStep> All => Steps.Value;

    /// <summary>A step by the number its id starts with (<c>"003"</c>) or by its whole id.</summary>
    public static ReferenceStep Get(string id) =>
        All.TryGetValue(id, out var step) ? step : All.Values.Single(candidate => candidate.Id.StartsWith(id + "-", StringComparison.Ordinal));

    /// <summary>
    /// The arguments after <c>fleetctl</c>: split at single spaces, so a trailing space is an empty
    /// argument (<c>--fields </c> is fleetctl given an empty field list), with the placeholder
    /// replaced by <paramref name="endpointFor"/>'s answer for the endpoint argument that holds it.
    /// </summary>
    /// <param name="endpointFor">Maps an argument holding <c>unix://{SOCK}</c> to the endpoint the test serves.</param>
    public IReadOnlyList<string> Arguments(Func<string, string> endpointFor)
    {
        const string program = "fleetctl";
        if (Command == program) return [];
        if (!Command.StartsWith(program + " ", StringComparison.Ordinal)) throw new FormatException($"{Id}: the command does not start with fleetctl: {Command}");
        return Command[(program.Length + 1)..].Split(' ').Select(argument => argument.Contains(SocketPlaceholder, StringComparison.Ordinal) ? endpointFor(argument) : argument).ToList();
    }

    private static IReadOnlyDictionary<string, ReferenceStep> Load()
    {
        var folder = Folder;
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "index.json")));
        var steps = new Dictionary<string, ReferenceStep>(StringComparer.Ordinal);
        foreach (var entry in index.RootElement.EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!;
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(folder, entry.GetProperty("file").GetString()!)));
            steps.Add(id, new ReferenceStep(
                id,
                entry.GetProperty("command").GetString()!,
                entry.GetProperty("exit").GetInt32(),
                Between(text, StdoutMarker, StderrMarker, id),
                Between(text, StderrMarker, EndMarker, id),
                entry.TryGetProperty("note", out var note) ? note.GetString() ?? "" : ""));
        }
        return steps;
    }

    // The captured bytes lie exactly between the markers; each marker starts a line of its own.
    private static string Between(string text, string start, string end, string id)
    {
        var from = text.IndexOf("\n" + start, StringComparison.Ordinal);
        if (from < 0) throw new FormatException($"{id}: no {start.Trim()}");
        from += 1 + start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        if (to < 0 || (to > from && text[to - 1] != '\n' && to != from)) throw new FormatException($"{id}: no {end.Trim()} after {start.Trim()}");
        return text[from..to];
    }
}
