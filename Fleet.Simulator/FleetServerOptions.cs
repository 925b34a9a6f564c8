using System.Net;
using Fleet.Simulator.Cluster;

namespace Fleet.Simulator;

/// <summary>Where a <see cref="FleetServer"/> listens and what cluster it simulates.</summary>
public sealed record FleetServerOptions
{
    /// <summary>A unix socket path to listen on. A stale socket file there (nobody listening) is replaced; one a running server answers on is refused with an <see cref="IOException"/>.</summary>
    public string? UnixSocketPath { get; init; }

    /// <summary>A TCP address to listen on; port 0 picks a free port. When neither this nor <see cref="UnixSocketPath"/> is set, 127.0.0.1:0.</summary>
    public IPEndPoint? TcpEndPoint { get; init; }

    /// <summary>How many machines the cluster has (the reference cluster's three first). Ignored when <see cref="Machines"/> is set.</summary>
    public int MachineCount { get; init; } = 3;

    /// <summary>The cluster's machines, when they should not be the reference ones.</summary>
    public IReadOnlyList<SimulatedMachine>? Machines { get; init; }

    /// <summary>How long the agents take to act on a change: zero acts at once, <see cref="Timeout.InfiniteTimeSpan"/> only on <see cref="SimulatedCluster.Settle"/>.</summary>
    public TimeSpan AgentDelay { get; init; } = TimeSpan.FromMilliseconds(20);
}
