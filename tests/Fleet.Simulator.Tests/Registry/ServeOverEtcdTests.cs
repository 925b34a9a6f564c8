using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.Tests.Shared;
using Fleet.Transport.Registry;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary><c>serve --etcd</c> through the shared <see cref="FleetServe"/> definition, against a real etcd.</summary>
public sealed class ServeOverEtcdTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Serve_with_etcd_registers_its_machines_under_the_prefix_until_stopped()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var values = new Dictionary<string, string> { ["etcd"] = etcd.Url, ["etcd-key-prefix"] = prefix + "/", ["machines"] = "4" };

        var serving = FleetServe.RunAsync(values, output, error, stop.Token);
        using (var deadline = new CancellationTokenSource(Deadline))
        {
            while (!output.ToString().Contains("machines:", StringComparison.Ordinal) && !serving.IsCompleted) await Task.Delay(20, deadline.Token);
        }
        var machines = (await ReferenceKeyspace.ReadAsync(keys, prefix)).Where(line => line.Contains("/machines/", StringComparison.Ordinal)).ToList();
        await stop.CancelAsync();
        var exit = await serving.WaitAsync(Deadline);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        Assert.Equal($"fleet engine and agents on etcd {etcd.Url} under {prefix}\nmachines: 4\n", output.ToString());
        Assert.Equal(4, machines.Count);
        Assert.All(ReferenceKeyspace.Cluster(ReferenceKeyspace.Of("003")), line => Assert.Contains(line, machines));
        Assert.DoesNotContain(await ReferenceKeyspace.ReadAsync(keys, prefix), line => line.Contains("/machines/", StringComparison.Ordinal) && !line.EndsWith('/'));
    }

    [Fact]
    public async Task Serve_with_etcd_and_a_socket_and_an_address_serves_fleets_API_over_the_registry()
    {
        var prefix = EtcdFixture.NewPrefix();
        var socket = Path.Combine(Path.GetTempPath(), $"fleet-{Guid.NewGuid():N}.sock");
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var values = new Dictionary<string, string> { ["etcd"] = etcd.Url, ["etcd-key-prefix"] = prefix, ["unix"] = socket, ["tcp"] = "127.0.0.1:0" };

        var serving = FleetServe.RunAsync(values, output, error, stop.Token);
        using (var deadline = new CancellationTokenSource(Deadline))
        {
            while (!output.ToString().Contains("machines:", StringComparison.Ordinal) && !serving.IsCompleted) await Task.Delay(20, deadline.Token);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tcp = lines[1]["fleet API on ".Length..];
        var registryOptions = new FleetRegistryOptions { KeyPrefix = prefix };
        var file = ReferenceKeyspace.Unit("hello.service");
        await using (var overSocket = (await FleetClient.ConnectAsync("unix://" + socket)).Right())
        await using (var overTcp = (await FleetClient.ConnectAsync(tcp)).Right())
        await using (var overEtcd = (await FleetClient.ConnectToRegistryAsync([etcd.Url], registryOptions)).Right())
        {
            (await overSocket.CreateUnitAsync("hello.service", file, DesiredState.Launched)).Right();
            (await overEtcd.CreateUnitAsync("ping.service", ReferenceKeyspace.Unit("ping.service"), DesiredState.Loaded)).Right();

            // Each path reads what the other wrote, once the engine and agents have acted on it.
            var launched = await EventuallyAsync(() => overEtcd.GetUnitAsync("hello.service"), unit => unit.CurrentState == DesiredState.Launched);
            var loaded = await EventuallyAsync(() => overTcp.GetUnitAsync("ping.service"), unit => unit.CurrentState == DesiredState.Loaded);
            Assert.Equal((file.Hash, launched.MachineId), (UnitFiles.UnitFile.FromOptions(launched.Options).Hash, (await overTcp.GetUnitAsync("hello.service")).Right().MachineId));
            Assert.Equal(ReferenceKeyspace.Unit("ping.service").Options, loaded.Options);
            Assert.Equal(["hello.service", "ping.service"], (await overSocket.ListUnitStatesAsync()).Right().Select(state => state.Name));
        }
        await stop.CancelAsync();
        var exit = await serving.WaitAsync(Deadline);

        Assert.Equal((0, ""), (exit, error.ToString()));
        Assert.Equal(
            [$"fleet API on unix://{socket}", $"fleet API on {tcp}", $"fleet engine and agents on etcd {etcd.Url} under {prefix}", "machines: 3"],
            lines);
        Assert.StartsWith("http://127.0.0.1:", tcp, StringComparison.Ordinal);
        Assert.False(File.Exists(socket), "the socket file is removed on exit");
    }

    [Fact]
    public async Task Serve_with_etcd_refuses_a_socket_a_running_server_holds_and_exits_1()
    {
        await using var running = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = Path.Combine(Path.GetTempPath(), $"fleet-{Guid.NewGuid():N}.sock") });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var values = new Dictionary<string, string> { ["etcd"] = etcd.Url, ["etcd-key-prefix"] = EtcdFixture.NewPrefix(), ["unix"] = running.UnixSocketPath! };

        var exit = await FleetServe.RunAsync(values, output, error);

        Assert.Equal((1, "", $"cannot listen: unix socket {running.UnixSocketPath} is in use by a running server\n"), (exit, output.ToString(), error.ToString()));
        Assert.True((await RawHttp.ExchangeAsync(running.UnixSocketPath!, "GET /fleet/v1/machines HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray())).Length > 0, "the running server keeps its socket");
    }

    [Theory]
    [InlineData("tcp", "127.0.0.1", "--tcp: '127.0.0.1' is not HOST:PORT (for example 127.0.0.1:0 or [::1]:4001)\n")]
    [InlineData("unix", "/nonexistent-folder/fleet.sock", "--unix: the directory of the unix socket path '/nonexistent-folder/fleet.sock' does not exist\n")]
    [InlineData("agent-delay", "0", "--agent-delay: not with --etcd (the engine and agents act every 200 ms)\n")]
    [InlineData("machines", "-1", "--machines: the machine count must be 0 or more, not -1\n")]
    [InlineData("first-machine", "0", "--first-machine: the first machine's position must be 1 or more, not 0\n")]
    [InlineData("first-machine", "-3", "--first-machine: the first machine's position must be 1 or more, not -3\n")]
    [InlineData("first-machine", "third", "--first-machine: 'third' is not a whole number\n")]
    [InlineData("first-machine", "", "--first-machine: '' is not a whole number\n")]
    [InlineData("first-machine", "99999999999", "--first-machine: '99999999999' is out of range\n")]
    public async Task Serve_with_etcd_refuses_what_it_cannot_do_before_touching_etcd(string flag, string value, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var values = new Dictionary<string, string> { ["etcd"] = "http://127.0.0.1:1", [flag] = value };

        var exit = await FleetServe.RunAsync(values, output, error);

        Assert.Equal((1, "", message), (exit, output.ToString(), error.ToString()));
    }

    [Theory]
    [InlineData("etcd-key-prefix", "/otherfleet")]
    [InlineData("first-machine", "3")]
    public async Task Serve_refuses_an_etcd_only_flag_without_etcd(string flag, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await FleetServe.RunAsync(new Dictionary<string, string> { [flag] = value }, output, error);

        Assert.Equal((1, "", $"--{flag}: only with --etcd\n"), (exit, output.ToString(), error.ToString()));
    }

    [Fact]
    public async Task Serve_with_etcd_and_a_first_machine_registers_the_machines_from_that_position()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var values = new Dictionary<string, string> { ["etcd"] = etcd.Url, ["etcd-key-prefix"] = prefix, ["machines"] = "2", ["first-machine"] = "3" };

        var serving = FleetServe.RunAsync(values, output, error, stop.Token);
        using (var deadline = new CancellationTokenSource(Deadline))
        {
            while (!output.ToString().Contains("machines:", StringComparison.Ordinal) && !serving.IsCompleted) await Task.Delay(20, deadline.Token);
        }
        var machines = (await ReferenceKeyspace.ReadAsync(keys, prefix)).Where(line => line.Contains("/machines/", StringComparison.Ordinal)).Select(line => line.Split('/')[4]).ToList();
        await stop.CancelAsync();
        var exit = await serving.WaitAsync(Deadline);

        Assert.Equal((0, ""), (exit, error.ToString()));
        Assert.Equal(ReferenceCluster.Take(4).Skip(2).Select(machine => machine.Id).Order(StringComparer.Ordinal), machines);
    }

    [Fact]
    public async Task Serve_with_an_etcd_that_does_not_answer_says_so_and_exits_1()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await FleetServe.RunAsync(new Dictionary<string, string> { ["etcd"] = "http://127.0.0.1:1" }, output, error);

        Assert.Equal(1, exit);
        Assert.Equal("", output.ToString());
        Assert.StartsWith("--etcd: ", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<FleetUnit> EventuallyAsync(Func<Task<LanguageExt.Either<APIError, FleetUnit>>> read, Func<FleetUnit, bool> done)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var unit = (await read()).Right();
            if (done(unit)) return unit;
            await Task.Delay(20, deadline.Token);
        }
    }
}
