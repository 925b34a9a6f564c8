using Fleet.Core;

namespace Fleet.Ssh.Tests.Tunnel;

public sealed class TunnelOperationTests(SshTunnelFixture fixture) : IClassFixture<SshTunnelFixture>
{
    private static readonly UnitOption[] Exec = [new("Service", "ExecStart", "/bin/sleep 1d")];

    [Theory]
    [InlineData(Channel.DirectTcpip)]
    [InlineData(Channel.Exec)]
    public async Task Every_operation_works_through_the_tunnel(Channel channel)
    {
        await using var client = await fixture.ConnectAsync(channel);
        var name = $"tunnel-{channel}.service".ToLowerInvariant();
        var machine = (await client.ListMachinesAsync()).Right()[0];

        (await client.CreateUnitAsync(name, Exec, DesiredState.Loaded)).Right();
        (await client.SetDesiredStateAsync(name, DesiredState.Launched)).Right();
        var unit = (await client.GetUnitAsync(name)).Right();
        var listed = (await client.ListUnitsAsync()).Right();
        var states = (await client.ListUnitStatesAsync(unitName: name)).Right();
        var state = (await client.GetUnitStateAsync(name)).Right();
        (await client.EditMachineMetadataAsync([MetadataEdit.Add(machine.Id, $"via-{channel}", "ssh")])).Right();
        var edited = (await client.ListMachinesAsync()).Right().Single(m => m.Id == machine.Id);
        (await client.DestroyUnitAsync(unit)).Right();
        var gone = (await client.GetUnitAsync(name)).Left();

        Assert.Equal(Exec, unit.Options);
        Assert.Equal(DesiredState.Launched, unit.DesiredState);
        Assert.Contains(listed, u => u.Name == name);
        Assert.Equal(name, Assert.Single(states).Name);
        Assert.Equal(name, state.Name);
        Assert.Equal("ssh", edited.Metadata[$"via-{channel}"]);
        Assert.Equal(404, gone.Code);
    }

    [Theory]
    [InlineData(Channel.DirectTcpip)]
    [InlineData(Channel.Exec)]
    public async Task Concurrent_requests_share_one_session(Channel channel)
    {
        var before = Logins();
        await using var client = await fixture.ConnectAsync(channel);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.ListMachinesAsync()));

        Assert.All(results, r => Assert.Equal(3, r.Right().Count));
        Assert.Equal(before + 1, Logins());
    }

    private int Logins() => fixture.Sshd.Log.Split('\n').Count(line => line.Contains("Accepted publickey", StringComparison.Ordinal));
}
