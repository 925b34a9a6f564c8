using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Fleet.Simulator.Cluster;

namespace Fleet.Simulator.Tests.Standalone;

/// <summary>Fleet.Simulator.Server run as a real process: its announcement, both endpoints, and how it stops.</summary>
public sealed class StandaloneServerTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("fleet-standalone-");

    private string SocketPath => Path.Combine(directory.FullName, "fleet.sock");

    public void Dispose() => directory.Delete(recursive: true);

    [Theory]
    [InlineData(ServerProcess.SIGTERM, 4)]
    [InlineData(ServerProcess.SIGINT, 2)]
    public async Task Serves_its_machines_on_the_socket_and_tcp_then_stops_cleanly_on_a_signal(int signal, int machines)
    {
        await using var server = ServerProcess.Start("--unix", SocketPath, "--tcp", "127.0.0.1:0", "--machines", machines.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var announcement = await server.ReadAnnouncementAsync();

        Assert.Equal(3, announcement.Count);
        Assert.Equal($"fleet API on unix://{SocketPath}", announcement[0]);
        var tcp = new Uri(Assert.Single(announcement, l => l.StartsWith("fleet API on http://", StringComparison.Ordinal))["fleet API on ".Length..]);
        Assert.Equal("127.0.0.1", tcp.Host);
        Assert.NotEqual(0, tcp.Port);
        Assert.Equal($"machines: {machines}", announcement[2]);
        Assert.True(File.Exists(SocketPath));

        var expected = ReferenceCluster.Take(machines).Select(m => m.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, await MachineIdsAsync(Server.FleetHttp.UnixClient(SocketPath), new Uri("http://localhost/fleet/v1/machines")));
        Assert.Equal(expected, await MachineIdsAsync(new HttpClient(), new Uri(tcp, "/fleet/v1/machines")));

        server.Signal(signal);

        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.False(File.Exists(SocketPath), "the socket file outlived the server");
        Assert.Equal("", await server.StandardError);
    }

    [Fact]
    public async Task Without_endpoints_it_listens_on_loopback_tcp_with_three_machines()
    {
        await using var server = ServerProcess.Start();

        var announcement = await server.ReadAnnouncementAsync();

        Assert.Equal(2, announcement.Count);
        Assert.Matches(@"^fleet API on http://127\.0\.0\.1:[1-9][0-9]*$", announcement[0]);
        Assert.Equal("machines: 3", announcement[1]);
        server.Signal(ServerProcess.SIGTERM);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Theory]
    [InlineData("--machines", "x", "--machines: 'x' is not a whole number")]
    [InlineData("--machines", "-1", "--machines: the machine count must be 0 or more, not -1")]
    [InlineData("--tcp", "nonsense", "--tcp: 'nonsense' is not HOST:PORT")]
    [InlineData("--tcp", "::1:0", "--tcp: '::1:0': put an IPv6 address in brackets")]
    [InlineData("--agent-delay", "-5", "--agent-delay: the agent delay must be 0 or more milliseconds, not -5")]
    public async Task A_bad_argument_is_refused_with_what_was_wrong(string option, string value, string message)
    {
        await using var server = ServerProcess.Start("--unix", SocketPath, option, value);

        var exitCode = await server.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith(message, await server.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("fleet API on", await server.ReadRestOfStandardOutputAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public async Task Help_lists_every_flag_of_the_one_serve_definition_with_its_description()
    {
        await using var server = ServerProcess.Start("--help");

        Assert.Equal(0, await server.WaitForExitAsync());
        var help = await server.ReadRestOfStandardOutputAsync();
        Assert.All(FleetServe.Flags, flag =>
        {
            Assert.Contains($"--{flag.Name} <{flag.ValueKind}>", help, StringComparison.Ordinal);
            Assert.Contains(flag.Description, help.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_flag_the_definition_does_not_have_is_a_programming_error_not_a_silent_default()
    {
        var values = new Dictionary<string, string> { ["machine"] = "3" };

        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => FleetServe.RunAsync(values, TextWriter.Null, TextWriter.Null));

        Assert.StartsWith("serve has no flag --machine", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_ends_it_with_a_message_and_no_socket_file_left()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var server = ServerProcess.Start("--unix", SocketPath, "--tcp", $"127.0.0.1:{port}");

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Contains("cannot listen", await server.StandardError, StringComparison.Ordinal);
        Assert.Contains("address already in use", await server.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(SocketPath));
    }

    private static async Task<IReadOnlyList<string>> MachineIdsAsync(HttpClient client, Uri uri)
    {
        using (client)
        {
            client.Timeout = ServerProcess.Deadline;
            using var page = JsonDocument.Parse(await client.GetStringAsync(uri));
            Assert.False(page.RootElement.TryGetProperty("nextPageToken", out _));
            return [.. page.RootElement.GetProperty("machines").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
        }
    }
}
