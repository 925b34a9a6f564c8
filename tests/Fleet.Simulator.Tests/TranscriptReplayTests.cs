using System.Text;

namespace Fleet.Simulator.Tests;

/// <summary>
/// Replays every request fleet's real API code answered (tests/fleet-reference/transcripts, or
/// the folder FLEET_TRANSCRIPTS names) against a fresh FleetServer per reference server, in
/// order, and compares each checked answer with fleet's: status line, headers but Date in
/// fleet's order, and body bytes.
/// </summary>
public sealed class TranscriptReplayTests
{
    private static readonly string Folder = TranscriptIndex.Folder;

    public static TheoryData<string> Servers()
    {
        var data = new TheoryData<string>();
        foreach (var server in TranscriptIndex.Entries().Select(e => e.Server).Distinct()) data.Add(server);
        return data;
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Every_checked_answer_matches_fleets(string serverName)
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = Timeout.InfiniteTimeSpan });
        server.Faults.EtcdUnreachable = serverName == "unavailable";
        server.Faults.EtcdFailing = serverName == "etcd-error";

        var mismatches = new List<string>();
        var checkedCount = 0;
        foreach (var entry in TranscriptIndex.Entries().Where(e => e.Server == serverName))
        {
            var request = await File.ReadAllBytesAsync(Path.Combine(Folder, entry.Request));
            var actual = await RawHttp.ExchangeAsync(server.TcpEndPoint!, request);
            if (entry.Settle) server.Cluster.Settle();
            if (!entry.Check || entry.Response is null) continue;
            checkedCount++;
            var expected = await File.ReadAllBytesAsync(Path.Combine(Folder, entry.Response));
            if (Normalize(expected) != Normalize(actual))
            {
                mismatches.Add($"{entry.Id} ({entry.Title}):\n--- fleet\n{Normalize(expected)}\n--- FleetServer\n{Normalize(actual)}");
            }
        }
        Assert.True(checkedCount > 0, $"no checked entries for server {serverName}");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {checkedCount} answers differ:\n\n" + string.Join("\n\n", mismatches.Take(8)));
    }

    // The Date line is the one thing that differs between runs.
    internal static string Normalize(byte[] response)
    {
        var text = Encoding.Latin1.GetString(response);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return text;
        var head = text[..end].Split("\r\n").Where(line => !line.StartsWith("Date:", StringComparison.OrdinalIgnoreCase));
        return string.Join("\r\n", head) + text[end..];
    }
}
