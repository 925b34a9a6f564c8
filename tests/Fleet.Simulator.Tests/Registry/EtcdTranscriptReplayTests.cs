using Fleet.Tests.Shared;
using System.Net;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Registry;
using Fleet.Transport.Registry;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary>
/// The reference transcripts were answered by fleet's API code over its registry in etcd: every
/// request of the 3-machine server replayed, in order, against <see cref="EtcdFleet"/>'s API over
/// a real etcd, each checked answer compared byte for byte with fleet's (all but Date), the
/// engine and agents passing after the steps the reference let its cluster act on.
/// </summary>
public sealed class EtcdTranscriptReplayTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    [Fact]
    public async Task Every_checked_answer_over_etcd_matches_fleets()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        var options = new EtcdFleetOptions
        {
            Registry = new FleetRegistryOptions { KeyPrefix = prefix },
            // The passes run where the reference let its cluster act, and nowhere else.
            Interval = TimeSpan.FromHours(1),
            TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        };
        await using var fleet = (await EtcdFleet.StartAsync(ReferenceCluster.Machines, [etcd.Url], options)).Right();

        var mismatches = new List<string>();
        var checkedCount = 0;
        foreach (var entry in TranscriptIndex.Entries().Where(e => e.Server == "main"))
        {
            var request = await File.ReadAllBytesAsync(Path.Combine(TranscriptIndex.Folder, entry.Request));
            var actual = await RawHttp.ExchangeAsync(fleet.TcpEndPoint!, request);
            if (entry.Settle) await EtcdFleetSettling.SettleAsync(fleet, () => ReferenceKeyspace.ReadAsync(keys, prefix));
            if (!entry.Check || entry.Response is null) continue;
            checkedCount++;
            var expected = await File.ReadAllBytesAsync(Path.Combine(TranscriptIndex.Folder, entry.Response));
            if (TranscriptReplayTests.Normalize(expected) != TranscriptReplayTests.Normalize(actual))
            {
                mismatches.Add($"{entry.Id} ({entry.Title}):\n--- fleet\n{TranscriptReplayTests.Normalize(expected)}\n--- EtcdFleet\n{TranscriptReplayTests.Normalize(actual)}");
            }
        }
        Assert.True(checkedCount > 100, $"only {checkedCount} checked entries");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {checkedCount} answers differ:\n\n" + string.Join("\n\n", mismatches.Take(8)));
    }
}
