using Fleet;
using Fleet.Core;
using Fleet.Facade;
using Fleet.Simulator;
using Fleet.Ssh;
using Fleet.Transport;
using Fleet.Transport.Etcd;
using Fleet.UnitFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Outside namespace Fleet, as a user's code is, so each block needs the imports it shows.
namespace ReadmeSnippets;

// The README's C# blocks, each compiled in the context it assumes (the parameters). SnippetTests
// holds every block of every README to one of these regions, character for character: change a
// block here and in the README together. They compile, they do not run.
#pragma warning disable CS1998, IDE0059, CA1822, CS0219
internal static class ReadmeSnippets
{
    public static void UnitFiles()
    {
        // <readme>
        var parsed = UnitFile.Parse(File.ReadAllText("hello.service"));   // Either<APIError, UnitFile>
        parsed.Match(
            Right: unit => Console.WriteLine($"{unit.Options.Count} options, hash {unit.Hash}"),
            Left: error => Console.Error.WriteLine(error));                  // UnitFile: unexpected newline ... at line 2, column 10 ...

        var unit = UnitFile.FromOptions([new("Service", "ExecStart", "/bin/true")])
            .AddOption("X-Fleet", "MachineMetadata", "\"role=web\" \"disk=ssd\"");
        Console.Write(unit.Render());                       // fleet's canonical text
        var metadata = unit.Requirements().MachineMetadata; // role: [web], disk: [ssd]
        var checkedUnit = unit.Validate();                  // fleet's own checks and messages
        // </readme>
    }

    public static async Task FunctionsAsync()
    {
        // <readme>
        await using var client = (await FleetClient.ConnectAsync("unix:///var/run/fleet.sock"))
            .Match(c => c, error => throw new InvalidOperationException(error.ToString()));

        var hello = UnitFile.Parse(File.ReadAllText("hello.service"));
        var launched =
            from file in hello.ToAsync()
            from created in client.CreateUnitAsync("hello.service", file, DesiredState.Launched).ToAsync()
            from unit in client.GetUnitAsync("hello.service").ToAsync()
            select unit.MachineId;

        await foreach (var state in client.ListUnitStates(unitName: "hello.service"))
            Console.WriteLine(state.Match(s => $"{s.MachineId} {s.SystemdSubState}", e => e.Message));
        // </readme>
    }

    public static async Task EtcdAsync(string hash, string raw)
    {
        // <readme>
        // fleetctl's --endpoint list: members tried as Go's etcd client tries them
        using var etcd = EtcdKeysClient.Create("http://10.0.0.1:2379,http://10.0.0.2:2379")
            .Match(c => c, error => throw new InvalidOperationException(error.ToString()));
        var jobs = await etcd.GetAsync("/_coreos.com/fleet/job", new EtcdGetOptions { Recursive = true, Sorted = true });
        var created = await etcd.SetAsync("/_coreos.com/fleet/unit/" + hash, raw, new EtcdSetOptions { PrevExist = false });
        var exists = created.Match(_ => false, error => error.EtcdCode == EtcdErrorCodes.KeyExists);   // 105: already there
        // </readme>
    }

    public static async Task ConveniencesAsync(FleetClient client, UnitFile file, IProgress<UnitProgress> progress)
    {
        // <readme>
        var change = await client.EnsureUnitAsync("hello.service", file, DesiredState.Launched);   // Created, Replaced, StateChanged or Unchanged
        await client.EnsureUnitAbsentAsync("old.service");                                          // Destroyed or Unchanged
        var done = await client.WaitForUnitAsync("hello.service", DesiredState.Launched,
            new UnitWaitOptions { Timeout = TimeSpan.FromMinutes(1) }, progress);                  // each change as fleet reports it

        var units = UnitSource.FromFolder("units/");                                                // an empty web@1.service takes web@.service's content
        if (units.Failed(out var sources, out var unreadable)) throw new InvalidOperationException(unreadable.Message);
        var plan = await client.PlanAsync(sources, new PlanOptions { DestroyOthers = true });
        if (plan.Failed(out var steps, out var refused)) throw new InvalidOperationException(refused.Message);
        var applied = await client.ApplyAsync(steps);                                               // applying again plans nothing
        // </readme>
    }

    public static async Task FacadeAsync()
    {
        // <readme>
        await using var fleet = await FleetApiClient.ConnectAsync("unix:///var/run/fleet.sock");

        var hello = ClusterUnit.FromString(File.ReadAllText("hello.service")).AddOption("Service", "Restart", "always");
        var unit = await fleet.CreateUnitAsync("hello.service", hello);          // desired state launched, as python-fleet
        await foreach (var machine in fleet.ListMachines()) Console.WriteLine(machine.PrimaryIp);
        try
        {
            await fleet.SetDesiredStateAsync("hello.service", "stopped");
        }
        catch (ArgumentException e) { Console.WriteLine(e.Message); }           // state must be one of: ['inactive', 'loaded', 'launched']
        var fromCluster = await fleet.GetUnitAsync("hello.service");
        await fromCluster.SetDesiredStateAsync(DesiredState.Loaded);            // python-fleet's unit.set_desired_state()
        await fromCluster.DestroyAsync();                                       // and unit.destroy()
        // </readme>
    }

    public static async Task DependencyInjectionAsync(IServiceCollection services, IConfiguration configuration, IServiceProvider provider, CancellationToken cancellationToken)
    {
        // <readme>
        services.AddFleet(configuration.GetSection("Fleet"));   // FLEETCTL_* variables apply over the section
        // later, anywhere:
        var fleet = await provider.GetRequiredService<FleetClientSource>().GetClientAsync(cancellationToken);
        // </readme>
    }

    public static async Task TunnelAsync(string passphrase)
    {
        // <readme>
        var options = new FleetClientOptions
        {
            Transport = HttpTransportOptions.Default with
            {
                Connector = SshTunnel.Connector(new SshTunnelOptions
                {
                    Tunnel = "bastion.example.com:22",              // or [2001:db8::1]:2222; port 22 by default
                    User = "core",                                  // fleetctl's default
                    KnownHostsFile = "~/.fleetctl/known_hosts",     // fleetctl's default; strict checking is on
                    KeyFiles = [new SshKeyFile("~/.ssh/fleet_ed25519", passphrase)],   // then ssh-agent, then ~/.ssh/id_*
                }),
            },
        };
        // A TCP endpoint goes through direct-tcpip channels; a unix socket through `fleetctl fd-forward` there.
        var connected = await FleetClient.ConnectAsync("unix:///var/run/fleet.sock", options);
        // </readme>
    }

    public static async Task SimulatorAsync(CancellationToken cancellationToken)
    {
        // <readme>
        await using var fleet = await FleetServer.StartAsync(new FleetServerOptions
        {
            UnixSocketPath = "/tmp/fleet.sock",          // and/or TcpEndPoint; 127.0.0.1:0 when neither is set
            MachineCount = 5,                            // the reference cluster's three machines, then deterministic ones
            AgentDelay = TimeSpan.FromMilliseconds(20),  // zero acts at once; infinite waits for Cluster.Settle()
        });
        // fleet.Endpoint is "http://127.0.0.1:PORT" or "unix:///tmp/fleet.sock"
        await fleet.Cluster.WaitUntilSettledAsync(cancellationToken);
        fleet.Faults.EtcdUnreachable = true;             // every request 503, as fleetd before it reaches etcd
        // </readme>
    }

    public static void CorePackage()
    {
        // <readme>
        var name = UnitNameInfo.Parse("web@blue.service");        // Either<APIError, UnitNameInfo>
        var endpoint = FleetEndpoint.Parse("unix:///var/run/fleet.sock");
        // </readme>
    }

    public static async Task FacadePackageAsync()
    {
        // <readme>
        await using var fleet = await FleetApiClient.ConnectAsync("unix:///var/run/fleet.sock");
        await foreach (var machine in fleet.ListMachines())
            Console.WriteLine($"{machine.Id} {machine.PrimaryIp}");
        // </readme>
    }

    public static async Task SimulatorPackageAsync()
    {
        // <readme>
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { MachineCount = 3 });
        Console.WriteLine(server.Endpoint);      // unix:///tmp/... or http://127.0.0.1:PORT
        // </readme>
    }

    public static async Task SshPackageAsync()
    {
        // <readme>
        var options = new FleetClientOptions
        {
            Transport = HttpTransportOptions.Default with
            {
                Connector = SshTunnel.Connector(new SshTunnelOptions { Tunnel = "bastion.example.com" }),
            },
        };
        var connected = await FleetClient.ConnectAsync("unix:///var/run/fleet.sock", options);
        // </readme>
    }

    public static async Task TransportPackageAsync()
    {
        // <readme>
        if ((await FleetClient.ConnectAsync("unix:///var/run/fleet.sock")).Failed(out var client, out var error))
        {
            Console.Error.WriteLine(error.Message);
            return;
        }
        await using (client)
        {
            await foreach (var machine in client.ListMachines())
                Console.WriteLine(machine.Match(m => m.PrimaryIp, e => e.Message));
        }
        // </readme>
    }

    public static void UnitPackage()
    {
        // <readme>
        var parsed = UnitFile.Parse("[Service]\nExecStart=/usr/bin/sleep 1d\n");
        parsed.Match(
            Right: unit => Console.WriteLine(unit.Hash),
            Left: error => Console.Error.WriteLine(error.Message));
        // </readme>
    }
}
