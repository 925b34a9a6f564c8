using Fleet.Core;
using Fleet.Ssh.HostKeys;
using Fleet.Tests.Shared.Ssh;
using Fleet.Transport;

namespace Fleet.Ssh.Tests.Tunnel;

/// <summary>The tunnel's host key rules against a real sshd, with known_hosts files as OpenSSH writes them.</summary>
public sealed class HostKeyTests(SshTunnelFixture fixture) : IClassFixture<SshTunnelFixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fleet-hostkeys-").FullName;

    private TestSshServer Sshd => fixture.Sshd;

    private SshKeyPair Ed25519 => Sshd.HostKeys[0];

    private string Port => Sshd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<string> KnownHostsAsync(params string[] lines)
    {
        var path = Path.Combine(folder, "known_hosts");
        await File.WriteAllTextAsync(path, string.Concat(lines.Select(l => l + "\n")));
        return path;
    }

    private static string KeyFields(SshKeyPair key) => string.Join(' ', key.PublicKeyLine.Split(' ')[..2]);

    private Task<LanguageExt.Either<APIError, Fleet.FleetClient>> ConnectAsync(string knownHosts, bool strict = true, Func<UnknownHostKey, CancellationToken, ValueTask<bool>>? confirm = null) =>
        fixture.TryConnectAsync(Channel.DirectTcpip, fixture.Options with { KnownHostsFile = knownHosts, StrictHostKeyChecking = strict, ConfirmUnknownHostKey = confirm });

    private static async Task ConnectsAsync(Task<LanguageExt.Either<APIError, Fleet.FleetClient>> connecting)
    {
        await using var client = (await connecting).Right();
        (await client.ListMachinesAsync()).Right();
    }

    [Fact]
    public async Task A_host_known_only_by_its_rsa_key_is_asked_for_that_key()
    {
        var path = await KnownHostsAsync($"[127.0.0.1]:{Port} {KeyFields(Sshd.HostKeys[2])}");

        await ConnectsAsync(ConnectAsync(path));
    }

    [Fact]
    public async Task An_unknown_host_is_refused_with_its_key_type_and_fingerprint_and_nothing_is_written()
    {
        var path = Path.Combine(folder, "absent", "known_hosts");

        var error = (await ConnectAsync(path)).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh 127.0.0.1:{Port}: host key: ", error.Message);
        Assert.Contains($"ED25519 key {SshPublicKey.FingerprintSha256(Ed25519.PublicKeyBlob)}", error.Message);
        Assert.Contains("ssh-keyscan", error.Message);
        Assert.False(Directory.Exists(Path.Combine(folder, "absent")));
    }

    [Fact]
    public async Task A_changed_key_is_refused_naming_the_line_it_contradicts()
    {
        var impostor = await SshKeyPair.GenerateAsync(folder, "impostor");
        var path = await KnownHostsAsync("# the fleet bastion", $"[127.0.0.1]:{Port} {KeyFields(impostor)}");
        var before = await File.ReadAllBytesAsync(path);

        var error = (await ConnectAsync(path)).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Contains("host key: REMOTE HOST IDENTIFICATION HAS CHANGED", error.Message);
        Assert.Contains($"line 2 of {path}", error.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Hashed_entries_written_by_ssh_keygen_are_matched()
    {
        var path = await KnownHostsAsync(Sshd.HostKeys.Select(Sshd.KnownHostsLine).ToArray());
        await SshTool.RunAsync("ssh-keygen", ["-q", "-H", "-f", path]);
        Assert.DoesNotContain("127.0.0.1", await File.ReadAllTextAsync(path));

        await ConnectsAsync(ConnectAsync(path));
    }

    [Fact]
    public async Task Lines_from_ssh_keyscan_are_matched()
    {
        var scanned = await SshTool.RunAsync("ssh-keyscan", ["-p", Port, "-t", "ed25519", "127.0.0.1"]);
        var path = await KnownHostsAsync(scanned.TrimEnd('\n'));

        await ConnectsAsync(ConnectAsync(path));
    }

    [Fact]
    public async Task An_entry_without_the_port_is_for_port_22_only()
    {
        var path = await KnownHostsAsync($"127.0.0.1 {KeyFields(Ed25519)}");

        var error = (await ConnectAsync(path)).Left();

        Assert.Contains("can't be established", error.Message);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_even_when_another_line_trusts_it()
    {
        var path = await KnownHostsAsync($"[127.0.0.1]:{Port} {KeyFields(Ed25519)}", $"@revoked * {KeyFields(Ed25519)}");

        var error = (await ConnectAsync(path)).Left();

        Assert.Contains("line 2 of", error.Message);
        Assert.Contains("@revoked", error.Message);
    }

    [Fact]
    public async Task Wildcard_patterns_match_and_negation_excludes()
    {
        var pattern = await KnownHostsAsync($"[127.0.0.?]:{Port},[10.*]:{Port} {KeyFields(Ed25519)}");
        await ConnectsAsync(ConnectAsync(pattern));

        var negated = await KnownHostsAsync($"[127.0.0.*]:{Port},![127.0.0.1]:{Port} {KeyFields(Ed25519)}");
        Assert.Contains("can't be established", (await ConnectAsync(negated)).Left().Message);
    }

    [Fact]
    public async Task Without_strict_checking_any_key_is_accepted_and_nothing_is_recorded()
    {
        var impostor = await SshKeyPair.GenerateAsync(folder, "impostor");
        var changed = await KnownHostsAsync($"[127.0.0.1]:{Port} {KeyFields(impostor)}");
        var before = await File.ReadAllBytesAsync(changed);
        var absent = Path.Combine(folder, "absent", "known_hosts");

        await ConnectsAsync(ConnectAsync(absent, strict: false));
        await ConnectsAsync(ConnectAsync(changed, strict: false));

        Assert.False(File.Exists(absent));
        Assert.Equal(before, await File.ReadAllBytesAsync(changed));
    }

    [Fact]
    public async Task A_confirmed_key_is_appended_hashed_and_trusted_from_then_on()
    {
        var path = await KnownHostsAsync("# kept", $"other.example {KeyFields(Sshd.HostKeys[1])}");
        var asked = new List<UnknownHostKey>();

        await ConnectsAsync(ConnectAsync(path, confirm: (question, _) =>
        {
            asked.Add(question);
            return ValueTask.FromResult(true);
        }));
        await ConnectsAsync(ConnectAsync(path));

        var question = Assert.Single(asked);
        var expected = new UnknownHostKey($"[127.0.0.1]:{Port}", "ED25519", SshPublicKey.FingerprintSha256(Ed25519.PublicKeyBlob), path)
        {
            KeyAlgorithm = "ssh-ed25519",
            Md5Fingerprint = SshPublicKey.FingerprintMd5(Ed25519.PublicKeyBlob),
        };
        Assert.Equal(expected, question);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["# kept", $"other.example {KeyFields(Sshd.HostKeys[1])}"], lines[..2]);
        Assert.StartsWith("|1|", lines[2]);
        Assert.EndsWith(KeyFields(Ed25519), lines[2]);
        var found = await SshTool.RunAsync("ssh-keygen", ["-F", $"[127.0.0.1]:{Port}", "-f", path]);
        Assert.Contains(KeyFields(Ed25519), found);
    }

    [Fact]
    public async Task The_question_about_an_unknown_key_may_take_longer_than_the_connect_timeout()
    {
        var path = Path.Combine(folder, "known_hosts");
        var transport = HttpTransportOptions.Default with { ConnectTimeout = TimeSpan.FromMilliseconds(300) };

        await using var client = (await fixture.TryConnectAsync(Channel.Exec, fixture.Options with
        {
            KnownHostsFile = path,
            ConfirmUnknownHostKey = async (_, cancellationToken) =>
            {
                // A person reading the fingerprint: slower than any connect deadline.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            },
        }, transport)).Right();

        Assert.Equal(3, (await client.ListMachinesAsync()).Right().Count);
    }

    [Fact]
    public async Task A_declined_key_is_refused_and_not_recorded()
    {
        var path = Path.Combine(folder, "known_hosts");

        var error = (await ConnectAsync(path, confirm: (_, _) => ValueTask.FromResult(false))).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Contains("host key: the ED25519 key", error.Message);
        Assert.Contains("was not trusted", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_known_hosts_file_that_cannot_be_read_is_a_host_key_error_under_strict_checking()
    {
        var notAFile = Directory.CreateDirectory(Path.Combine(folder, "known_hosts")).FullName;

        var error = (await ConnectAsync(notAFile)).Left();
        await ConnectsAsync(ConnectAsync(notAFile, strict: false));

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh 127.0.0.1:{Port}: host key: cannot read the known hosts file {notAFile}: ", error.Message);
    }

    [Fact]
    public async Task A_changed_key_is_refused_without_asking()
    {
        var impostor = await SshKeyPair.GenerateAsync(folder, "impostor");
        var path = await KnownHostsAsync($"[127.0.0.1]:{Port} {KeyFields(impostor)}");
        var asked = false;

        var error = (await ConnectAsync(path, confirm: (_, _) =>
        {
            asked = true;
            return ValueTask.FromResult(true);
        })).Left();

        Assert.False(asked);
        Assert.Contains("CHANGED", error.Message);
    }
}
