using Fleet.Core;
using Fleet.Facade;

namespace Fleet.Samples.CSharp;

/// <summary>What a C# program does with fleet through the facade, start to finish.</summary>
public static class HelloFleet
{
    private const string HelloText = """
        [Unit]
        Description=Hello from C#

        [Service]
        ExecStart=/bin/sh -c "while true; do echo hello; sleep 1; done"

        [X-Fleet]
        MachineMetadata=region=us-east
        """;

    /// <summary>Runs the tour against fleet at <paramref name="endpoint"/>, writing what it sees.</summary>
    /// <param name="endpoint">fleet's endpoint, for example <c>unix:///var/run/fleet.sock</c>.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="cancellationToken">Stops the tour.</param>
    /// <returns>When the tour is over.</returns>
    public static async Task RunAsync(string endpoint, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var fleet = await FleetApiClient.ConnectAsync(endpoint, cancellationToken: cancellationToken);

        await foreach (var machine in fleet.ListMachines(cancellationToken))
        {
            output.WriteLine($"machine {machine.Id[..8]} {machine.PrimaryIp} {string.Join(",", machine.Metadata.Select(m => $"{m.Key}={m.Value}"))}");
        }

        var hello = ClusterUnit.FromString(HelloText).AddOption("Service", "Restart", "always");
        var created = await fleet.CreateUnitAsync("hello.service", hello, cancellationToken);
        output.WriteLine($"submitted {created.Name} {created.Hash[..7]}");

        var launched = await WaitForAsync(fleet, "hello.service", DesiredState.Launched, cancellationToken);
        output.WriteLine($"{launched.Name} {launched.CurrentState?.ToString().ToLowerInvariant()} on {launched.MachineId?[..8]}");

        var state = await fleet.GetUnitStateAsync("hello.service", cancellationToken);
        output.WriteLine($"{state.Name} {state.SystemdActiveState}/{state.SystemdSubState}");

        try
        {
            await fleet.GetUnitAsync("missing.service", cancellationToken);
        }
        catch (FleetApiException e) when (e.Code == 404)
        {
            output.WriteLine($"missing.service: fleet says {e.Code} {e.FleetMessage}");
        }

        await launched.DestroyAsync(cancellationToken);
        output.WriteLine($"destroyed {launched.Name}; {(await fleet.ListUnitsAsync(cancellationToken)).Count} units left");
    }

    // fleet has no watch API: read the unit until it gets there, as fleetctl does.
    private static async Task<ClusterUnit> WaitForAsync(FleetApiClient fleet, string name, DesiredState wanted, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var unit = await fleet.GetUnitAsync(name, deadline.Token);
            if (unit.CurrentState == wanted) return unit;
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
