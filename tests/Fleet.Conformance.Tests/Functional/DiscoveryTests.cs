using Fleet.Facade;

namespace Fleet.Conformance.Tests.Functional;

[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class DiscoveryTests(TargetFleet fleet)
{
    [Fact]
    public async Task Each_client_connects_once_fleets_discovery_document_says_fleet_v1_and_then_reads_the_api()
    {
        await using var functional = await fleet.ConnectAsync();
        await using var facade = await FleetApiClient.ConnectAsync(fleet.Endpoint, fleet.Options);

        Assert.Equal(fleet.Endpoint, functional.Endpoint);
        Assert.Equal(fleet.Endpoint, facade.Endpoint);
        Assert.NotEmpty((await functional.ListMachinesAsync()).Right());
        Assert.NotEmpty(await facade.ListMachinesAsync());
    }
}
