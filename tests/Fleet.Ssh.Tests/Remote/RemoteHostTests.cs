using System.Text;
using Fleet.Core;
using Fleet.Ssh.Tests.Tunnel;
using Fleet.Tests.Shared.Ssh;

namespace Fleet.Ssh.Tests.Remote;

/// <summary>Commands and shells on a host over SSH, directly and through a tunnel host (the same sshd, as a cluster member can be both).</summary>
public sealed class RemoteHostTests(SshTunnelFixture fixture) : IClassFixture<SshTunnelFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string folder = Directory.CreateTempSubdirectory("fleet-remote-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public enum Route
    {
        Direct,
        Tunnelled,
    }

    private SshTunnelOptions Options(Route route) => route == Route.Direct ? fixture.Options with { Tunnel = null } : fixture.Options;

    private async Task<RemoteHost> ConnectAsync(Route route, SshTunnelOptions? options = null)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return (await RemoteHost.ConnectAsync(fixture.Sshd.Tunnel, options ?? Options(route), deadline.Token)).Right();
    }

    private static async Task<(RemoteExit Exit, string Output, string Error)> RunAsync(RemoteHost host, string command, string? input = null)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        using var given = input is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(input));
        var exit = (await host.RunAsync(command, given, output, error, deadline.Token)).Right();
        return (exit, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(error.ToArray()));
    }

    [Theory]
    [InlineData(Route.Direct)]
    [InlineData(Route.Tunnelled)]
    public async Task A_command_gives_its_output_error_and_status(Route route)
    {
        using var host = await ConnectAsync(route);

        var (exit, output, error) = await RunAsync(host, "echo out; echo err >&2; exit 3");

        Assert.Equal(new RemoteExit(3, null), exit);
        Assert.Equal("out\n", output);
        Assert.Equal("err\n", error);
        Assert.Equal($"127.0.0.1:{fixture.Sshd.Port}", host.Host);
    }

    [Theory]
    [InlineData(Route.Direct)]
    [InlineData(Route.Tunnelled)]
    public async Task The_input_reaches_the_command_and_then_ends(Route route)
    {
        using var host = await ConnectAsync(route);

        var (exit, output, _) = await RunAsync(host, "cat; echo end", "one\ntwo\n");

        Assert.Equal(0, exit.Status);
        Assert.Equal("one\ntwo\nend\n", output);
    }

    [Fact]
    public async Task A_command_that_ends_before_its_input_is_given_ends_as_usual()
    {
        using var host = await ConnectAsync(Route.Direct);

        // Quick commands: some end before the input is offered to them.
        var exits = new List<RemoteExit>();
        for (var i = 0; i < 20; i++) exits.Add((await RunAsync(host, "exit 2", "unread\n")).Exit);

        Assert.All(exits, exit => Assert.Equal(new RemoteExit(2, null), exit));
    }

    [Fact]
    public async Task A_session_that_dropped_between_commands_is_opened_again()
    {
        using var host = await ConnectAsync(Route.Direct);
        var before = await RunAsync(host, "echo before");

        Assert.True(fixture.Sshd.DropSessions() > 0);
        var after = await RunAsync(host, "echo after");

        Assert.Equal(("before\n", "after\n"), (before.Output, after.Output));
    }

    [Fact]
    public async Task A_command_killed_by_a_signal_says_which()
    {
        using var host = await ConnectAsync(Route.Direct);

        var (exit, _, _) = await RunAsync(host, "kill -TERM $$");

        Assert.Equal(new RemoteExit(null, "TERM"), exit);
    }

    [Fact]
    public async Task Output_arrives_while_the_command_runs_and_cancelling_stops_it()
    {
        using var host = await ConnectAsync(Route.Tunnelled);
        using var output = new LineStream();
        using var stop = new CancellationTokenSource();

        var running = host.RunAsync("echo started; exec cat", null, output, Stream.Null, stop.Token);
        await output.WaitForAsync("started\n", Deadline);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Deadline));
    }

    [Fact]
    public async Task The_host_behind_the_tunnel_has_its_key_checked_as_its_own()
    {
        await using var behind = await TestSshServer.StartAsync();
        await behind.AuthorizeAsync(fixture.Sshd.ClientKey);
        // Only the tunnel host is known.
        var knownHosts = Path.Combine(folder, "known_hosts");
        await File.WriteAllLinesAsync(knownHosts, fixture.Sshd.HostKeys.Select(fixture.Sshd.KnownHostsLine));
        var asked = new List<UnknownHostKey>();
        var answer = false;
        var options = Options(Route.Tunnelled) with
        {
            KnownHostsFile = knownHosts,
            ConfirmUnknownHostKey = (question, _) =>
            {
                asked.Add(question);
                return ValueTask.FromResult(answer);
            },
        };

        var refused = (await RemoteHost.ConnectAsync(behind.Tunnel, options, CancellationToken.None)).Left();
        var linesAfterRefusal = (await File.ReadAllLinesAsync(knownHosts)).Length;
        answer = true;
        using var accepted = (await RemoteHost.ConnectAsync(behind.Tunnel, options, CancellationToken.None)).Right();
        var (exit, output, _) = await RunAsync(accepted, "echo behind");

        Assert.Equal(ErrorKind.Ssh, refused.Kind);
        Assert.StartsWith($"ssh {behind.Tunnel}: host key:", refused.Message);
        Assert.All(asked, question => Assert.Equal($"[127.0.0.1]:{behind.Port}", question.Host));
        Assert.Equal(2, asked.Count);
        Assert.Equal(3, linesAfterRefusal);
        Assert.Equal(4, (await File.ReadAllLinesAsync(knownHosts)).Length);
        Assert.Equal((0, "behind\n"), (exit.Status, output));
    }

    [Fact]
    public async Task A_tunnel_host_that_refuses_forwarding_is_a_channel_open_error()
    {
        await using var locked = await TestSshServer.StartAsync(new TestSshServerOptions { AllowForwarding = false });
        await locked.AuthorizeAsync(fixture.Sshd.ClientKey);
        var knownHosts = Path.Combine(folder, "locked_known_hosts");
        await File.WriteAllLinesAsync(knownHosts, [.. locked.HostKeys.Select(locked.KnownHostsLine), .. fixture.Sshd.HostKeys.Select(fixture.Sshd.KnownHostsLine)]);
        var options = fixture.Options with { Tunnel = locked.Tunnel, KnownHostsFile = knownHosts };

        var error = (await RemoteHost.ConnectAsync(fixture.Sshd.Tunnel, options, CancellationToken.None)).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Contains("channel open", error.Message);
        Assert.StartsWith($"ssh {locked.Tunnel}: ", error.Message);
    }

    [Fact]
    public async Task A_host_that_does_not_parse_is_a_validation_error()
    {
        var error = (await RemoteHost.ConnectAsync("10.0.0.1:ssh", Options(Route.Direct), CancellationToken.None)).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("the host \"10.0.0.1:ssh\" is not host[:port]: the port \"ssh\" is not a number from 1 to 65535", error.Message);
    }

    [Theory]
    [InlineData(Route.Direct)]
    [InlineData(Route.Tunnelled)]
    public async Task A_shell_without_a_terminal_runs_what_it_is_given(Route route)
    {
        using var host = await ConnectAsync(route);
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        using var input = new MemoryStream("echo from the shell; echo to stderr >&2; exit 5\n"u8.ToArray());
        using var deadline = new CancellationTokenSource(Deadline);

        (await host.ShellAsync(input, output, error, null, deadline.Token)).Right();

        Assert.Equal("from the shell\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal("to stderr\n", Encoding.UTF8.GetString(error.ToArray()));
        Assert.True(input.CanRead, "the caller's input stays open");
    }

    [Fact]
    public async Task A_shell_with_a_terminal_has_one_of_that_size()
    {
        using var host = await ConnectAsync(Route.Tunnelled);
        using var output = new LineStream();
        using var input = new MemoryStream("stty size; tty; exit\n"u8.ToArray());
        using var deadline = new CancellationTokenSource(Deadline);

        (await host.ShellAsync(input, output, Stream.Null, new RemoteTerminal("xterm-256color", 100, 30), deadline.Token)).Right();

        Assert.Contains("30 100", output.Text);
        Assert.Contains("/dev/pts/", output.Text);
    }

    [Fact]
    public async Task Cancelling_a_shell_closes_it()
    {
        using var host = await ConnectAsync(Route.Direct);
        using var output = new LineStream();
        using var input = new MemoryStream("echo ready\n"u8.ToArray());
        using var stop = new CancellationTokenSource();

        var running = host.ShellAsync(input, output, Stream.Null, null, stop.Token);
        await output.WaitForAsync("ready\n", Deadline);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Deadline));
    }

    /// <summary>A stream that collects what is written and lets a test wait for some text.</summary>
    private sealed class LineStream : Stream
    {
        private readonly StringBuilder text = new();
        private readonly SemaphoreSlim written = new(0);

        public string Text
        {
            get
            {
                lock (text) return text.ToString();
            }
        }

        public async Task WaitForAsync(string expected, TimeSpan deadline)
        {
            using var timeout = new CancellationTokenSource(deadline);
            while (!Text.Contains(expected, StringComparison.Ordinal)) await written.WaitAsync(timeout.Token);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (text) text.Append(Encoding.UTF8.GetString(buffer, offset, count));
            written.Release();
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) written.Dispose();
            base.Dispose(disposing);
        }
    }
}
