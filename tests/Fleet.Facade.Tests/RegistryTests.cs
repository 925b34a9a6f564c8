using Fleet.Core;
using Fleet.Tests.Shared.Etcd;
using Fleet.Transport.Registry;

namespace Fleet.Facade.Tests;

/// <summary>The facade over fleet's registry in a real etcd: the same methods, failures as exceptions.</summary>
public sealed class RegistryTests : IAsyncLifetime
{
    private EtcdServer etcd = null!;
    private readonly FleetRegistryOptions registry = new() { KeyPrefix = $"/facade-{Guid.NewGuid():N}/" };

    public async Task InitializeAsync() => etcd = await EtcdServer.StartAsync();

    public async Task DisposeAsync() => await etcd.DisposeAsync();

    [Fact]
    public async Task A_unit_created_through_the_facade_is_read_back_from_etcd()
    {
        await using var fleet = await FleetApiClient.ConnectToRegistryAsync([etcd.ClientUrl], registry);

        await fleet.CreateUnitAsync("hello.service", Units.Hello, DesiredState.Loaded);
        var unit = await fleet.GetUnitAsync("hello.service");

        Assert.Equal(Units.Hello.Options, unit.Options);
        Assert.Equal(DesiredState.Loaded, unit.DesiredState);
        Assert.Equal(DesiredState.Inactive, unit.CurrentState);
    }

    [Fact]
    public async Task What_fleets_api_refuses_is_refused_as_the_api_refuses_it()
    {
        await using var fleet = await FleetApiClient.ConnectToRegistryAsync([etcd.ClientUrl], registry);
        await fleet.CreateUnitAsync("web@.service", Units.Hello, DesiredState.Inactive);

        var e = await Assert.ThrowsAsync<FleetApiException>(() => fleet.SetDesiredStateAsync("web@.service", DesiredState.Launched));

        Assert.Equal(400, e.Code);
        Assert.Equal("cannot activate template \"web@.service\"", e.FleetMessage);
        Assert.Equal(DesiredState.Inactive, (await fleet.GetUnitAsync("web@.service")).DesiredState);
    }

    [Fact]
    public async Task Settings_with_the_etcd_driver_connect_to_the_registry_from_the_source()
    {
        var settings = new FleetSettings { Driver = FleetSettings.EtcdDriver, Endpoint = $"http://127.0.0.1:{Ports.Closed()},{etcd.ClientUrl}", EtcdKeyPrefix = registry.KeyPrefix };
        await using (var writer = await FleetApiClient.ConnectToRegistryAsync([etcd.ClientUrl], registry))
        {
            await writer.CreateUnitAsync("hello.service", Units.Hello, DesiredState.Inactive);
        }

        await using var source = new FleetClientSource(settings);
        var fleet = await source.GetClientAsync();

        Assert.Equal(["hello.service"], (await fleet.ListUnitsAsync()).Select(u => u.Name));
    }

    [Fact]
    public async Task An_etcd_that_nothing_answers_for_is_a_connection_exception()
    {
        await Assert.ThrowsAsync<FleetConnectionException>(() => FleetApiClient.ConnectToRegistryAsync([$"http://127.0.0.1:{Ports.Closed()}"], registry));
    }
}
