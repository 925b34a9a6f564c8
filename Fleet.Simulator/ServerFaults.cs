namespace Fleet.Simulator;

/// <summary>
/// Switches that make a <see cref="FleetServer"/> fail the way a real fleet does. Each can be
/// flipped at any time; requests already running see the state they started with.
/// </summary>
public sealed class ServerFaults
{
    /// <summary>The message fleet puts in a failed PATCH of machine metadata when etcd fails.</summary>
    public const string EtcdFailureMessage = "client: etcd cluster is unavailable or misconfigured";

    /// <summary>fleetd has not reached etcd yet: every request is a 503 (discovery too).</summary>
    public bool EtcdUnreachable { get; set; }

    /// <summary>etcd fails after start-up: resources answer 500 with an empty message; discovery still works.</summary>
    public bool EtcdFailing { get; set; }

    /// <summary>Time added before each request is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// When set, each response is cut after this many bytes and the connection closed: a server
    /// that dies part-way through an answer.
    /// </summary>
    public int? AbortAfterBytes { get; set; }
}
