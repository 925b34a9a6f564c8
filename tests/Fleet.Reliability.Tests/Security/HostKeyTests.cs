using Fleet.Core;
using Fleet.Facade;

namespace Fleet.Reliability.Tests.Security;

/// <summary>
/// Strict host key checking, through OpenSSH's real sshd: a host whose key is unknown (no file,
/// or a file of other hosts only) or changed (an impostor key on record for its address) is
/// refused, for plain and hashed known_hosts entries alike, and the known_hosts file is never
/// written: not created, not changed by a byte, no file left beside it. The right key, plain or
/// hashed, is accepted, so the refusals are the keys' doing.
/// </summary>
public sealed class HostKeyTests(HostKeyFixture fixture) : IClassFixture<HostKeyFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fleet-known-hosts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string, string> Refused() => new()
    {
        { "absent", "can't be established" },
        { "others", "can't be established" },
        { "others hashed", "can't be established" },
        { "changed", "REMOTE HOST IDENTIFICATION HAS CHANGED" },
        { "changed hashed", "REMOTE HOST IDENTIFICATION HAS CHANGED" },
    };

    private async Task<string> KnownHostsAsync(string content)
    {
        if (content == "absent") return Path.Combine(folder, "absent", "known_hosts");
        var path = Path.Combine(folder, "known_hosts");
        await File.WriteAllLinesAsync(path, ["# kept as it is", .. fixture.Lines[content]]);
        return path;
    }

    // Everything about the folder a write could change: names, bytes, times.
    private string[] Snapshot() =>
    [
        .. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => File.Exists(path) ? $"{path} {Convert.ToHexString(File.ReadAllBytes(path))} {File.GetLastWriteTimeUtc(path):O}" : path),
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_unknown_or_changed_key_is_refused_and_known_hosts_is_never_written(string content, string why)
    {
        var knownHosts = await KnownHostsAsync(content);
        var before = Snapshot();

        var error = (await fixture.ConnectAsync(knownHosts)).Left();
        var thrown = await Assert.ThrowsAsync<FleetSshException>(() => FleetApiClient.ConnectAsync($"http://{fixture.Fleet.TcpEndPoint}", fixture.Options(knownHosts)));

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh {fixture.Sshd.Tunnel}: host key: ", error.Message);
        Assert.Contains(why, error.Message);
        Assert.Equal(error, thrown.Error);
        Assert.Equal(before, Snapshot());
    }

    [Theory]
    [InlineData("known")]
    [InlineData("known hashed")]
    public async Task The_right_key_plain_or_hashed_is_accepted_and_still_nothing_is_written(string content)
    {
        var knownHosts = await KnownHostsAsync(content);
        var before = Snapshot();

        await using (var client = (await fixture.ConnectAsync(knownHosts)).Right())
        {
            Assert.NotEmpty((await client.ListMachinesAsync()).Right());
        }

        Assert.Equal(before, Snapshot());
    }
}
