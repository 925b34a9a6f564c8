using Fleet.Simulator;

namespace Fleet.Facade.Tests.Samples;

/// <summary>The README's samples, run against a FleetServer with scheduling delays.</summary>
public sealed class SampleTests : IAsyncLifetime
{
    private FleetServer fleet = null!;

    public async Task InitializeAsync() => fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.FromMilliseconds(50) });

    public async Task DisposeAsync() => await fleet.DisposeAsync();

    [Fact]
    public async Task The_csharp_sample_submits_launches_reads_and_destroys()
    {
        var output = new StringWriter();

        await Fleet.Samples.CSharp.HelloFleet.RunAsync(fleet.Endpoint, output);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("machine 222f532f 172.17.8.101 disk=ssd,region=us-east,role=web", lines[0]);
        Assert.StartsWith("hello.service created, ", lines[3]);
        Assert.Equal("hello.service unchanged the second time", lines[4]);
        // Then the progress lines, as many as the agents' timing gives, ending where the wait ended.
        var launched = Array.IndexOf(lines, "hello.service launched on 222f532f");
        Assert.True(launched > 5, output.ToString());
        Assert.Equal("  hello.service: launched, active/running", lines[launched - 1]);
        Assert.All(lines[5..launched], line => Assert.StartsWith("  hello.service: ", line));
        Assert.Equal(
            ["hello.service active/running", "missing.service: fleet says 404 unit does not exist", "destroyed hello.service; 0 units left"],
            lines[(launched + 1)..]);
        Assert.Empty(fleet.Cluster.Units);
    }

    [Fact]
    public async Task The_fsharp_sample_does_the_same_with_results()
    {
        var output = new StringWriter();

        var result = await Fleet.Samples.FSharp.HelloFleet.run(fleet.Endpoint, output, CancellationToken.None);

        Assert.True(result.IsOk, result.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["machine 222f532f 172.17.8.101", "machine 7d6b720d 172.17.8.102", "machine 9a805ebd 172.17.8.103"], lines[..3]);
        Assert.Matches("^hello.service launched on [0-9a-f]{8}$", lines[4]);
        Assert.Equal("missing.service: fleet says 404 unit does not exist", lines[5]);
        Assert.Equal("destroyed hello.service", lines[6]);
        Assert.Empty(fleet.Cluster.Units);
    }
}
