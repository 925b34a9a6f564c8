using System.Net.Sockets;
using System.Text;
using Fleet.Cli.Tests.Harness;

namespace Fleet.Cli.Tests;

/// <summary><c>fd-forward SOCKET</c> run as a real process: bytes both ways, half-close, and fleetctl's errors.</summary>
public sealed class FdForwardTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Carries_a_raw_HTTP_exchange_with_FleetServer()
    {
        await using var fleet = await ServedFleet.StartAsync(FleetTransport.UnixSocket);
        await using var cli = RunningCli.Start(["fd-forward", fleet.Server.UnixSocketPath!]);

        // Standard input stays open: the server closing the connection is what ends the command.
        await cli.Input.WriteAsync("GET /fleet/v1/machines HTTP/1.1\r\nHost: fleet\r\nConnection: close\r\n\r\n"u8.ToArray());
        await cli.Input.FlushAsync();
        var answer = await ReadToEndAsync(cli.Output);
        var (exitCode, stderr) = await cli.WaitForExitAsync(Deadline);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.All(fleet.Server.Cluster.Machines, machine => Assert.Contains(machine.Id, answer, StringComparison.Ordinal));
        Assert.Equal("", stderr);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Keeps_copying_the_answer_after_standard_input_ends()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "echo.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        // A peer that answers only once the request has ended, with more than one buffer's worth.
        var payload = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i % 10}")));
        var peer = AnswerAfterEndAsync(listener);

        await using var cli = RunningCli.Start(["fd-forward", path]);
        await cli.Input.WriteAsync(payload);
        cli.Input.Close();
        var answer = await ReadToEndAsync(cli.Output);
        var (exitCode, stderr) = await cli.WaitForExitAsync(Deadline);

        Assert.Equal($"received {payload.Length} bytes\n" + Encoding.ASCII.GetString(payload), answer);
        await peer;
        Assert.Equal("", stderr);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_failed_copy_is_reported_as_fleetctl_does()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "talker.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var peer = TalkUntilStoppedAsync(listener);

        await using var cli = RunningCli.Start(["fd-forward", path]);
        // Whoever read the output has gone: the next write to it fails.
        var first = new byte[1];
        await cli.Output.ReadExactlyAsync(first);
        cli.Output.Close();
        var (exitCode, stderr) = await cli.WaitForExitAsync(Deadline);

        Assert.StartsWith("Encountered error during copy: ", stderr, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
        await peer;
    }

    [Fact]
    public async Task A_missing_socket_is_reported_as_fleetctl_does()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "missing.sock");

        var result = await CliProcess.RunAsync(["fd-forward", path]);

        // fleetctl's runFDForward returns 0 after a failed dial.
        Assert.Equal($"Failed dialing remote address: dial unix {path}: connect: no such file or directory\n", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task A_refused_socket_is_reported_as_fleetctl_does()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "refused.sock");
        // Bound but not listening: connect is refused.
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(path));

        var result = await CliProcess.RunAsync(["fd-forward", path]);

        Assert.Equal($"Failed dialing remote address: dial unix {path}: connect: connection refused\n", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData]
    [InlineData("a.sock", "b.sock")]
    public async Task Wants_exactly_one_socket(params string[] sockets)
    {
        var result = await CliProcess.RunAsync(["fd-forward", .. sockets]);

        Assert.Equal("Provide a single argument\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    private static async Task AnswerAfterEndAsync(Socket listener)
    {
        using var connection = await listener.AcceptAsync();
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await connection.ReceiveAsync(buffer, SocketFlags.None)) > 0) received.Write(buffer, 0, read);
        await connection.SendAsync(Encoding.ASCII.GetBytes($"received {received.Length} bytes\n"), SocketFlags.None);
        await connection.SendAsync(received.ToArray(), SocketFlags.None);
        connection.Shutdown(SocketShutdown.Both);
    }

    private static async Task TalkUntilStoppedAsync(Socket listener)
    {
        using var connection = await listener.AcceptAsync();
        var chunk = new byte[4096];
        try
        {
            while (true) await connection.SendAsync(chunk, SocketFlags.None);
        }
        catch (SocketException)
        {
            // fd-forward closed the connection after its output failed.
        }
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
