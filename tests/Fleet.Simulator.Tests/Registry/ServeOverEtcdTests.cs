using Fleet.Simulator.Cluster;

namespace Fleet.Simulator.Tests.Registry;

/// <summary><c>serve --etcd</c> through the shared <see cref="FleetServe"/> definition, against a real etcd.</summary>
public sealed class ServeOverEtcdTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Serve_with_etcd_registers_its_machines_under_the_prefix_until_stopped()
    {
        var prefix = etcd.NewPrefix();
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

    [Theory]
    [InlineData("tcp", "127.0.0.1:0", "--tcp: not with --etcd (the simulator serves no fleet API over etcd yet; its engine and agents act every 200 ms)\n")]
    [InlineData("unix", "/tmp/fleet.sock", "--unix: not with --etcd (the simulator serves no fleet API over etcd yet; its engine and agents act every 200 ms)\n")]
    [InlineData("agent-delay", "0", "--agent-delay: not with --etcd (the simulator serves no fleet API over etcd yet; its engine and agents act every 200 ms)\n")]
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
        var prefix = etcd.NewPrefix();
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
}
