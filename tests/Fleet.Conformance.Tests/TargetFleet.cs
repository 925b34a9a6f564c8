using System.Security.Cryptography;
using Fleet.Core;
using Fleet.Facade;
using Fleet.Simulator;

namespace Fleet.Conformance.Tests;

/// <summary>
/// The fleet the conformance tests judge: the one <c>FLEET_TEST_ENDPOINT</c> names
/// (<c>unix:///var/run/fleet.sock</c>, <c>http://10.0.0.1:49153</c>), through the SSH host
/// <c>FLEET_TEST_TUNNEL</c> when set, with the rest of the connection (SSH user, known hosts,
/// TLS files, timeouts) taken from fleetctl's own <c>FLEETCTL_*</c> variables; or else a
/// <see cref="FleetServer"/> of three machines started here on a unix socket. Every unit a
/// test creates is named under one prefix that no one else uses, and whatever is left of them when
/// the tests end is destroyed.
/// </summary>
public sealed class TargetFleet : IAsyncLifetime
{
    public const string EndpointVariable = "FLEET_TEST_ENDPOINT";
    public const string TunnelVariable = "FLEET_TEST_TUNNEL";

    private string? socketDirectory;
    private int tests;

    /// <summary>The simulated fleet when no endpoint was given; null against an external one.</summary>
    public FleetServer? Server { get; private set; }

    public FleetEndpoint Endpoint { get; private set; } = null!;

    public FleetClientOptions Options { get; private set; } = null!;

    /// <summary>One client for every test, as an application holds one.</summary>
    public FleetClient Client { get; private set; } = null!;

    /// <summary>What every unit name of this run starts with: <c>conformance-</c> and 8 random hex digits.</summary>
    public string RunPrefix { get; } = $"conformance-{RandomNumberGenerator.GetHexString(8, lowercase: true)}-";

    /// <summary>
    /// How long to wait for an agent to act. A real cluster's agents reconcile every few seconds
    /// and may be busy; the simulator's act within milliseconds.
    /// </summary>
    public TimeSpan Patience => Server is null ? TimeSpan.FromMinutes(2) : TimeSpan.FromSeconds(20);

    public async Task InitializeAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        if (string.IsNullOrEmpty(endpoint))
        {
            socketDirectory = Directory.CreateTempSubdirectory("fleet-conformance-").FullName;
            // An agent that takes its time, so that every test waits as it must on a real cluster.
            Server = await FleetServer.StartAsync(new FleetServerOptions
            {
                UnixSocketPath = Path.Combine(socketDirectory, "fleet.sock"),
                AgentDelay = TimeSpan.FromMilliseconds(50),
            });
            endpoint = Server.Endpoint;
        }
        // fleetctl's variables describe how to reach a real cluster; the simulator needs none of them.
        var defaults = new FleetSettings { RequestTimeout = TimeSpan.FromSeconds(30) };
        var settings = Server is null
            ? FleetctlEnvironment.Apply(defaults).Match(s => s, error => throw new InvalidOperationException(error.ToString()))
            : defaults;
        settings = settings with
        {
            Endpoint = endpoint,
            Tunnel = Environment.GetEnvironmentVariable(TunnelVariable) is { Length: > 0 } tunnel ? tunnel : null,
        };
        (Endpoint, Options) = settings.ToClientOptions().Match(
            parsed => parsed,
            error => throw new InvalidOperationException($"{EndpointVariable}={endpoint}: {error}"));
        Client = await ConnectAsync();
    }

    /// <summary>A new client of its own, for tests of connecting.</summary>
    public async Task<FleetClient> ConnectAsync() =>
        (await FleetClient.ConnectAsync(Endpoint, Options)).Match(
            client => client,
            error => throw new InvalidOperationException($"fleet at {Endpoint} cannot be reached: {error}"));

    /// <summary>The fleet's machines; the tests that place units apart need two or more.</summary>
    public async Task<IReadOnlyList<Machine>> MachinesAsync()
    {
        var machines = (await Client.ListMachinesAsync()).Match(list => list, error => throw new InvalidOperationException($"listing machines: {error}"));
        Assert.True(machines.Count >= 2, $"the conformance suite needs a fleet of two or more machines; {Endpoint} has {machines.Count}");
        return machines;
    }

    /// <summary>Names for one test's units, destroyed when the test ends however it ends.</summary>
    public TestUnits NewUnits() => new(this, $"{RunPrefix}{Interlocked.Increment(ref tests):D2}-");

    /// <summary>
    /// Destroys every unit whose name starts with <paramref name="prefix"/> and waits until fleet
    /// lists neither them nor a state of theirs.
    /// </summary>
    public async Task DestroyAllAsync(string prefix)
    {
        var units = (await Client.ListUnitsAsync()).Match(list => list, error => throw new InvalidOperationException($"listing units to clean up: {error}"));
        foreach (var unit in units.Where(u => u.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var destroyed = await Client.DestroyUnitAsync(unit.Name);
            // Gone already is as good as destroyed.
            destroyed.IfLeft(error => { if (error.Code != 404) throw new InvalidOperationException($"destroying {unit.Name}: {error}"); });
        }
        await Eventually.HoldsAsync(this, $"no unit or state named {prefix}* is left", async () =>
        {
            var left = (await Client.ListUnitsAsync()).Match(list => list.Count(u => u.Name.StartsWith(prefix, StringComparison.Ordinal)), _ => -1);
            var states = (await Client.ListUnitStatesAsync()).Match(list => list.Count(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)), _ => -1);
            return (left == 0 && states == 0, $"{left} units and {states} states left");
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Client is not null) await DestroyAllAsync(RunPrefix);
        }
        finally
        {
            if (Client is not null) await Client.DisposeAsync();
            if (Server is not null) await Server.DisposeAsync();
            if (socketDirectory is not null) Directory.Delete(socketDirectory, recursive: true);
        }
    }
}
