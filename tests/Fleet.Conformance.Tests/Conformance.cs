namespace Fleet.Conformance.Tests;

/// <summary>
/// Every conformance test shares one <see cref="TargetFleet"/> and they run one at a time, as a
/// real cluster's operator would want. <c>--filter Category=Conformance</c> picks them, here and
/// in the F# tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Conformance : ICollectionFixture<TargetFleet>
{
    public const string Name = "Conformance";
    public const string Category = "Category";
}
