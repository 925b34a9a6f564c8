using System.Text.Json;

namespace Fleet.Cli.Tests.Harness;

/// <summary>
/// One command line a fleetctl built from fleet v1.0.0's tagged source was run with, and exactly
/// what it printed (Oracle/fleetctl.json, made by Oracle/capture.sh). These cover what the
/// reference did not capture: help and usage, and flags and words that do not parse.
/// </summary>
/// <param name="Id">The case's name.</param>
/// <param name="Arguments">The arguments after <c>fleetctl</c>.</param>
/// <param name="ExitCode">fleetctl's exit code.</param>
/// <param name="Stdout">Its standard output.</param>
/// <param name="Stderr">Its standard error.</param>
internal sealed record OracleCase(string Id, IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    private static readonly Lazy<IReadOnlyDictionary<string, OracleCase>> Cases = new(Load);

    /// <summary>Every case, by id, in the file's order.</summary>
    public static IReadOnlyDictionary<string, OracleCase> All => Cases.Value;

    private static IReadOnlyDictionary<string, OracleCase> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Oracle", "fleetctl.json")));
        var cases = new Dictionary<string, OracleCase>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!;
            cases.Add(id, new OracleCase(
                id,
                [.. entry.GetProperty("args").EnumerateArray().Select(argument => argument.GetString()!)],
                entry.GetProperty("exit").GetInt32(),
                entry.GetProperty("stdout").GetString()!,
                entry.GetProperty("stderr").GetString()!));
        }
        return cases;
    }
}
