using System.Text;
using Fleet.Cli.Tests.Harness;
using Fleet.Tests.Shared.Ssh;
using static Fleet.Cli.Tests.Remote.RemoteCluster;

namespace Fleet.Cli.Tests.Remote;

/// <summary>
/// fleetctl's question before trusting an unknown host key: asked when standard input is a
/// terminal (here one injected into an in-process run), refused in fleetctl's words otherwise (a
/// real process, whose standard input is a pipe); a changed key is refused without a question.
/// Both the machines' sessions and the <c>--tunnel</c> of every API command ask it.
/// </summary>
public sealed class HostKeyQuestionTests(RemoteCluster cluster) : IClassFixture<RemoteCluster>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Host => $"[127.0.0.1]:{cluster.Port}";

    // ssh-keygen's own MD5 fingerprint of the sshd's ed25519 key, the one it presents when none is known.
    private static async Task<string> Md5Async(SshKeyPair key) =>
        (await SshTool.RunAsync("ssh-keygen", ["-l", "-E", "md5", "-f", key.PublicKeyPath])).Split(' ')[1]["MD5:".Length..];

    private async Task<string> QuestionAsync() =>
        $"The authenticity of host '{Host}' can't be established.\n" +
        $"ssh-ed25519 key fingerprint is {await Md5Async(cluster.Sshd.HostKeys[0])}.\n";

    private async Task<string> KnownHostsAsync(string content = "")
    {
        var path = System.IO.Path.Combine(folder.Path, "known_hosts");
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private string[] Status(string knownHosts) =>
        ["--endpoint", $"unix://{cluster.Fleet.UnixSocketPath}", "--ssh-username", cluster.Sshd.User, "--known-hosts-file", knownHosts, "status", "--ssh-port", cluster.Port, "hello.service"];

    private string[] ListMachinesThroughTunnel(string knownHosts) =>
        ["--tunnel", cluster.Sshd.Tunnel, "--endpoint", $"http://{cluster.Fleet.TcpEndPoint}", "--ssh-username", cluster.Sshd.User, "--known-hosts-file", knownHosts, "list-machines", "--no-legend"];

    [Fact]
    public async Task Without_a_terminal_an_unknown_key_is_refused_and_nothing_is_written()
    {
        var knownHosts = await KnownHostsAsync();

        var result = await CliProcess.RunAsync(Status(knownHosts), cluster.Environment);

        Assert.StartsWith(await QuestionAsync() + "Host key verification failed.\n" + $"Unable to SSH to remote host: ssh 127.0.0.1:{cluster.Port}: host key: ", result.Stderr);
        Assert.Equal(("", 255), (result.Stdout, result.ExitCode));
        Assert.Equal("", await File.ReadAllTextAsync(knownHosts));
    }

    [Fact]
    public async Task Without_a_terminal_an_unknown_tunnel_host_is_refused_for_an_api_command()
    {
        var knownHosts = await KnownHostsAsync();

        var result = await CliProcess.RunAsync(ListMachinesThroughTunnel(knownHosts), cluster.Environment);

        Assert.StartsWith(await QuestionAsync() + "Host key verification failed.\n", result.Stderr);
        Assert.Equal(("", 1), (result.Stdout, result.ExitCode));
        Assert.Equal("", await File.ReadAllTextAsync(knownHosts));
    }

    [Fact]
    public async Task A_changed_key_is_refused_without_a_question()
    {
        var impostor = await SshKeyPair.GenerateAsync(folder.Path, "impostor");
        var line = $"{Host} {string.Join(' ', impostor.PublicKeyLine.Split(' ')[..2])}\n";
        var knownHosts = await KnownHostsAsync(line);

        var result = await CliProcess.RunAsync(Status(knownHosts), cluster.Environment);

        Assert.StartsWith($"Unable to SSH to remote host: ssh 127.0.0.1:{cluster.Port}: host key: REMOTE HOST IDENTIFICATION HAS CHANGED", result.Stderr);
        Assert.DoesNotContain("authenticity", result.Stderr);
        Assert.Equal(("", 255), (result.Stdout, result.ExitCode));
        Assert.Equal(line, await File.ReadAllTextAsync(knownHosts));
    }

    [Theory]
    [InlineData("yes\n")]
    [InlineData("Y\n")]
    [InlineData("  yes  \n")]
    public async Task On_a_terminal_yes_adds_the_key_and_the_command_goes_on(string answer)
    {
        var knownHosts = await KnownHostsAsync();

        var (code, stdout, stderr) = await RunInProcessAsync(Status(knownHosts), answer);

        Assert.Equal(
            await QuestionAsync() + "Are you sure you want to continue connecting (yes/no)? " +
            $"Warning: Permanently added '{Host}' (ssh-ed25519) to the list of known hosts.\n" +
            "systemctl's standard error\n",
            stderr);
        Assert.Equal((Called("systemctl", "status", "-l", "hello.service"), 0), (stdout, code));
        var added = Assert.Single(await File.ReadAllLinesAsync(knownHosts));
        Assert.StartsWith("|1|", added);
        Assert.EndsWith(string.Join(' ', cluster.Sshd.HostKeys[0].PublicKeyLine.Split(' ')[..2]), added);
    }

    [Theory]
    [InlineData("no\n")]
    [InlineData("\n")]
    [InlineData("")]
    [InlineData("yesterday\n")]
    public async Task On_a_terminal_anything_but_yes_refuses_and_writes_nothing(string answer)
    {
        var knownHosts = await KnownHostsAsync();

        var (code, stdout, stderr) = await RunInProcessAsync(Status(knownHosts), answer);

        Assert.StartsWith(
            await QuestionAsync() + "Are you sure you want to continue connecting (yes/no)? Host key verification failed.\n" +
            $"Unable to SSH to remote host: ssh 127.0.0.1:{cluster.Port}: host key: ",
            stderr);
        Assert.Equal(("", -1), (stdout, code));
        Assert.Equal("", await File.ReadAllTextAsync(knownHosts));
    }

    [Fact]
    public async Task On_a_terminal_the_tunnel_of_an_api_command_asks_too()
    {
        var knownHosts = await KnownHostsAsync();

        var (code, stdout, stderr) = await RunInProcessAsync(ListMachinesThroughTunnel(knownHosts), "yes\n");

        Assert.Equal(
            await QuestionAsync() + "Are you sure you want to continue connecting (yes/no)? " +
            $"Warning: Permanently added '{Host}' (ssh-ed25519) to the list of known hosts.\n",
            stderr);
        Assert.Equal("aaaa1111...\t127.0.0.1\t-\nbbbb2222...\t127.0.0.1:" + cluster.Port + "\t-\n", stdout);
        Assert.Equal(0, code);
        Assert.Single(await File.ReadAllLinesAsync(knownHosts));
    }

    [Fact]
    public async Task On_a_terminal_the_tunnel_of_an_api_command_refused_writes_nothing()
    {
        var knownHosts = await KnownHostsAsync();

        var (code, stdout, stderr) = await RunInProcessAsync(ListMachinesThroughTunnel(knownHosts), "no\n");

        Assert.StartsWith(await QuestionAsync() + "Are you sure you want to continue connecting (yes/no)? Host key verification failed.\n", stderr);
        Assert.Equal(("", 1), (stdout, code));
        Assert.Equal("", await File.ReadAllTextAsync(knownHosts));
    }

    // The command line in this process, with a terminal's standard input that answers as given.
    private async Task<(int Code, string Stdout, string Stderr)> RunInProcessAsync(string[] args, string answer)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SSH_AUTH_SOCK"] = cluster.Agent.SocketPath,
            // No default keys of the developer's.
            ["HOME"] = folder.Path,
        };
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(answer));
        var context = new CliContext(stdout, stderr, variables) { Stdin = stdin, StdinIsTerminal = true };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await FleetctlApp.RunAsync(args, context, deadline.Token);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
