using Fleet.Ssh.HostKeys;
using Fleet.Tests.Shared.Ssh;

namespace Fleet.Ssh.Tests.HostKeys;

/// <summary>Real keys from ssh-keygen, two of each type, made once for the class.</summary>
public sealed class OpenSshKeys : IAsyncLifetime
{
    public static readonly string[] Types = ["ed25519", "ecdsa", "rsa"];

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fleet-knownhosts-keys-");

    public Dictionary<string, SshKeyPair[]> ByType { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var type in Types)
        {
            ByType[type] = await Task.WhenAll(
                SshKeyPair.GenerateAsync(folder.FullName, type + "-a", type),
                SshKeyPair.GenerateAsync(folder.FullName, type + "-b", type));
        }
    }

    public Task DisposeAsync()
    {
        folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Our reading and writing of known_hosts against OpenSSH's own tools.</summary>
public sealed class KnownHostsOpenSshTests(OpenSshKeys keys) : IClassFixture<OpenSshKeys>, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fleet-knownhosts-");

    public void Dispose() => folder.Delete(recursive: true);

    public static TheoryData<string> Types => [.. OpenSshKeys.Types];

    [Theory]
    [MemberData(nameof(Types))]
    public async Task The_fingerprint_and_type_are_those_ssh_keygen_prints(string type)
    {
        var key = keys.ByType[type][0];
        var blob = key.PublicKeyBlob;
        // "256 SHA256:... comment (ED25519)"
        var printed = (await SshTool.RunAsync("ssh-keygen", ["-l", "-E", "sha256", "-f", key.PublicKeyPath])).Trim().Split(' ');
        Assert.Equal(printed[1], SshPublicKey.FingerprintSha256(blob));
        Assert.Equal(printed[^1], $"({SshPublicKey.DisplayType(SshPublicKey.KeyType(blob))})");
        Assert.Equal(key.PublicKeyLine.Split(' ')[0], SshPublicKey.KeyType(blob));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Lines_hashed_by_ssh_keygen_are_known_and_other_keys_of_the_type_changed(string type)
    {
        var (key, other) = (keys.ByType[type][0].PublicKeyBlob, keys.ByType[type][1].PublicKeyBlob);
        var path = Path.Combine(folder.FullName, "known_hosts");
        // ssh-keygen -H splits the list into one hashed line per name.
        await File.WriteAllTextAsync(path, "# fleet\n" + FakeKeys.Line("fleet.example,10.0.0.7,[10.0.0.7]:2222", key, "comment") + "\n");
        await SshTool.RunAsync("ssh-keygen", ["-H", "-f", path]);
        var text = await File.ReadAllTextAsync(path);
        Assert.DoesNotContain("fleet.example", text, StringComparison.Ordinal);

        var known = KnownHosts.Parse(text, path);
        Assert.Equal(3, known.Lines.Count);
        Assert.All(known.Lines, line => Assert.True(line.Hosts.IsHashed));
        Assert.Equal(HostKeyStatus.Known, known.Check("fleet.example", 22, key).Status);
        Assert.Equal(HostKeyStatus.Known, known.Check("10.0.0.7", 22, key).Status);
        Assert.Equal(HostKeyStatus.Known, known.Check("10.0.0.7", 2222, key).Status);
        Assert.Equal(HostKeyStatus.Unknown, known.Check("fleet.example", 2222, key).Status);
        Assert.Equal(HostKeyStatus.Unknown, known.Check("10.0.0.8", 22, key).Status);
        var changed = known.Check("10.0.0.7", 22, other);
        Assert.Equal(HostKeyStatus.Changed, changed.Status);
        Assert.Equal(text.Split('\n')[changed.Line!.Value - 1], changed.LineText);
    }

    [Fact]
    public async Task Each_key_type_is_checked_against_its_own_type_only()
    {
        var lines = OpenSshKeys.Types.Select(type => keys.ByType[type][0].PublicKeyLine).Select(line => "fleet.example " + line);
        var known = KnownHosts.Parse(string.Join('\n', lines), "known_hosts");
        for (var i = 0; i < OpenSshKeys.Types.Length; i++)
        {
            var type = OpenSshKeys.Types[i];
            Assert.Equal(new HostKeyVerdict(HostKeyStatus.Known, "known_hosts", i + 1, "fleet.example " + keys.ByType[type][0].PublicKeyLine), known.Check("fleet.example", 22, keys.ByType[type][0].PublicKeyBlob));
            Assert.Equal(i + 1, known.Check("fleet.example", 22, keys.ByType[type][1].PublicKeyBlob).Line);
        }
        Assert.Equal(["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"], known.KnownKeyTypes("fleet.example", 22));
    }

    [Theory]
    [InlineData("fleet.example", 22, "fleet.example")]
    [InlineData("Fleet.Example", 22, "fleet.example")]
    [InlineData("127.0.0.1", 2222, "[127.0.0.1]:2222")]
    public async Task Lines_we_write_are_found_by_ssh_keygen(string host, int port, string lookup)
    {
        var key = keys.ByType["ed25519"][0];
        var path = Path.Combine(folder.FullName, "known_hosts");
        var line = await KnownHostsWriter.AppendHashedAsync(path, host, port, key.PublicKeyBlob, CancellationToken.None);

        var found = await SshTool.RunAsync("ssh-keygen", ["-F", lookup, "-f", path]);
        Assert.Contains(line, found, StringComparison.Ordinal);
        Assert.Contains(key.PublicKeyLine.Split(' ')[1], found, StringComparison.Ordinal);
        // ssh-keygen -F exits with 1 when nothing matches: the port is part of the name.
        var other = port == 22 ? $"[{lookup}]:2222" : lookup[1..lookup.IndexOf(']', StringComparison.Ordinal)];
        await Assert.ThrowsAsync<InvalidOperationException>(() => SshTool.RunAsync("ssh-keygen", ["-F", other, "-f", path]));
    }
}
