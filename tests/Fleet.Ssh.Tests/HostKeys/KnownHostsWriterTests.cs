using System.Text;
using Fleet.Ssh.HostKeys;

namespace Fleet.Ssh.Tests.HostKeys;

public sealed class KnownHostsWriterTests : IDisposable
{
    private static readonly byte[] Key = FakeKeys.Blob("ssh-ed25519", 1);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fleet-knownhosts-");

    public void Dispose() => folder.Delete(recursive: true);

    private string KnownHostsPath => Path.Combine(folder.FullName, "known_hosts");

    [Theory]
    [InlineData("# mine\nother.example ssh-ed25519 AAAA\n")]
    [InlineData("# mine\nother.example ssh-ed25519 AAAA")]
    [InlineData("# mine\r\nother.example ssh-ed25519 AAAA\r\n")]
    [InlineData("")]
    public async Task Existing_lines_are_kept_byte_for_byte(string existing)
    {
        await File.WriteAllTextAsync(KnownHostsPath, existing);
        var line = await KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "fleet.example", 22, Key, CancellationToken.None);

        var text = await File.ReadAllTextAsync(KnownHostsPath);
        var expectedPrefix = existing.Length == 0 || existing.EndsWith('\n') ? existing : existing + "\n";
        Assert.Equal(expectedPrefix + line + "\n", text);
        var verdict = KnownHosts.Parse(text, KnownHostsPath).Check("fleet.example", 22, Key);
        Assert.Equal(new HostKeyVerdict(HostKeyStatus.Known, KnownHostsPath, text.Count(c => c == '\n'), line), verdict);
    }

    [Fact]
    public async Task The_line_is_hashed_with_a_fresh_salt_each_time()
    {
        var first = await KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "fleet.example", 2222, Key, CancellationToken.None);
        var second = await KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "fleet.example", 2222, Key, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.StartsWith("|1|", first, StringComparison.Ordinal);
        Assert.EndsWith(" ssh-ed25519 " + Convert.ToBase64String(Key), first, StringComparison.Ordinal);
        Assert.DoesNotContain("fleet", first, StringComparison.Ordinal);
        var known = KnownHosts.Parse(await File.ReadAllTextAsync(KnownHostsPath), KnownHostsPath);
        Assert.Equal(HostKeyStatus.Known, known.Check("fleet.example", 2222, Key).Status);
        Assert.Equal(HostKeyStatus.Unknown, known.Check("fleet.example", 22, Key).Status);
    }

    [Fact]
    public async Task A_missing_folder_and_file_are_created_private()
    {
        var nested = Path.Combine(folder.FullName, "home", ".ssh");
        var path = Path.Combine(nested, "known_hosts");
        await KnownHostsWriter.AppendHashedAsync(path, "fleet.example", 22, Key, CancellationToken.None);

        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(nested));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task An_existing_file_keeps_its_mode()
    {
        if (OperatingSystem.IsWindows()) return;
        await File.WriteAllTextAsync(KnownHostsPath, "# shared\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(KnownHostsPath, mode);
        await KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "fleet.example", 22, Key, CancellationToken.None);
        Assert.Equal(mode, File.GetUnixFileMode(KnownHostsPath));
    }

    [Fact]
    public async Task A_symbolic_link_is_written_through_and_kept()
    {
        var real = Path.Combine(folder.FullName, "real_known_hosts");
        await File.WriteAllTextAsync(real, "# real\n");
        File.CreateSymbolicLink(KnownHostsPath, real);
        var line = await KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "fleet.example", 22, Key, CancellationToken.None);

        Assert.NotNull(new FileInfo(KnownHostsPath).LinkTarget);
        Assert.Equal("# real\n" + line + "\n", await File.ReadAllTextAsync(real));
    }

    [Fact]
    public async Task No_temporary_file_is_left_behind()
    {
        await KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "fleet.example", 22, Key, CancellationToken.None);
        await KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "other.example", 22, Key, CancellationToken.None);
        Assert.Equal(["known_hosts"], folder.GetFileSystemInfos().Select(f => f.Name));
    }

    [Fact]
    public async Task A_cancelled_append_leaves_the_file_alone()
    {
        await File.WriteAllTextAsync(KnownHostsPath, "# before\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "fleet.example", 22, Key, cancelled.Token));
        Assert.Equal("# before\n", await File.ReadAllTextAsync(KnownHostsPath));
        Assert.Single(folder.GetFileSystemInfos());
    }

    [Fact]
    public async Task Concurrent_appends_lose_no_line()
    {
        await File.WriteAllTextAsync(KnownHostsPath, "# before");
        var hosts = Enumerable.Range(0, 24).Select(i => $"host{i}.example").ToArray();
        var lines = await Task.WhenAll(hosts.Select(host => Task.Run(() => KnownHostsWriter.AppendHashedAsync(KnownHostsPath, host, 22, Key, CancellationToken.None))));

        var text = await File.ReadAllTextAsync(KnownHostsPath);
        Assert.StartsWith("# before\n", text, StringComparison.Ordinal);
        Assert.Equal(hosts.Length + 1, text.Count(c => c == '\n'));
        Assert.All(lines, line => Assert.Contains(line + "\n", text, StringComparison.Ordinal));
        var known = KnownHosts.Parse(text, KnownHostsPath);
        Assert.All(hosts, host => Assert.Equal(HostKeyStatus.Known, known.Check(host, 22, Key).Status));
    }

    [Fact]
    public async Task A_blob_that_is_not_a_key_is_refused_before_touching_the_file()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => KnownHostsWriter.AppendHashedAsync(KnownHostsPath, "fleet.example", 22, Encoding.ASCII.GetBytes("nope"), CancellationToken.None));
        Assert.False(File.Exists(KnownHostsPath));
    }
}
