using System.Text.Json;
using Fleet.Tests.Shared;

namespace Fleet.Simulator.Tests;

/// <summary>
/// The reference transcripts' index (tests/fleet-reference/transcripts, or the folder
/// FLEET_TRANSCRIPTS names), in capture order: the one reader for every test that replays them.
/// </summary>
internal static class TranscriptIndex
{
    public static string Folder { get; } = ReferenceData.Folder("transcripts", "FLEET_TRANSCRIPTS");

    public static IEnumerable<Entry> Entries()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "index.json")));
        foreach (var e in document.RootElement.EnumerateArray())
        {
            yield return new Entry(
                e.GetProperty("id").GetString()!,
                e.GetProperty("title").GetString()!,
                e.GetProperty("server").GetString()!,
                e.GetProperty("check").GetBoolean(),
                e.GetProperty("settle").GetBoolean(),
                e.GetProperty("request").GetString()!,
                e.GetProperty("response").ValueKind == JsonValueKind.String ? e.GetProperty("response").GetString() : null,
                e.GetProperty("status").ValueKind == JsonValueKind.Number ? e.GetProperty("status").GetInt32() : null);
        }
    }

    /// <summary>One captured exchange; <see cref="Status"/> is null where fleet closed the connection without answering.</summary>
    public sealed record Entry(string Id, string Title, string Server, bool Check, bool Settle, string Request, string? Response, int? Status);
}
