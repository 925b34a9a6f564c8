/// The F# path of the conformance suite: the same fleet as tests/Fleet.Conformance.Tests judges,
/// FleetServer or the one FLEET_TEST_ENDPOINT names, under the same unit prefix and clean-up.
module Fleet.FSharp.Tests.ConformanceTests

open Xunit
open Fleet.Conformance.Tests

[<CollectionDefinition("Conformance")>]
type ConformanceCollection() =
    interface ICollectionFixture<TargetFleet>

[<Collection("Conformance"); Trait("Category", "Conformance")>]
type ConformanceTests(fleet: TargetFleet) =

    [<Fact>]
    member _.``a script's whole workflow against the fleet under test`` () =
        task {
            use units = fleet.NewUnits()
            do! WorkflowTests.workflow fleet.Client fleet.Patience (units.Name "fsharp") units.Owns
        }
