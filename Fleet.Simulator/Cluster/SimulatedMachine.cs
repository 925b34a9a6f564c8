using Fleet.Core.Collections;

namespace Fleet.Simulator.Cluster;

/// <summary>A machine of the simulated cluster: what fleet's registry knows of it.</summary>
/// <param name="Id">The machine id: 32 lowercase hex characters.</param>
/// <param name="PublicIp">The address fleet publishes for it (<c>primaryIP</c>).</param>
/// <param name="Metadata">Its metadata, keys in ordinal order.</param>
public sealed record SimulatedMachine(string Id, string PublicIp, ValueMap Metadata);
