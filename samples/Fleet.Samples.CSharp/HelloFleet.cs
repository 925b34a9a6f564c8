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
        var ensured = await fleet.EnsureUnitAsync("hello.service", hello, cancellationToken);
        output.WriteLine($"hello.service {ensured.Change.ToString().ToLowerInvariant()}, {hello.Hash[..7]}");
        var again = await fleet.EnsureUnitAsync("hello.service", hello, cancellationToken);
        output.WriteLine($"hello.service {again.Change.ToString().ToLowerInvariant()} the second time");

        // Each change fleet reports on the way, as fleetctl start shows it: the callback runs inline, in order.
        var launched = await fleet.WaitForUnitAsync(
            "hello.service",
            DesiredState.Launched,
            p => output.WriteLine($"  {p.Name}: {p.CurrentState?.ToString().ToLowerInvariant() ?? "-"}{(p.ActiveState is null ? "" : $", {p.ActiveState}/{p.SubState}")}"),
            cancellationToken: cancellationToken);
        output.WriteLine($"hello.service launched on {launched.MachineId?[..8]}");

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

        var unit = await fleet.GetUnitAsync("hello.service", cancellationToken);
        await unit.DestroyAsync(cancellationToken);
        output.WriteLine($"destroyed {unit.Name}; {(await fleet.ListUnitsAsync(cancellationToken)).Count} units left");
    }
}
