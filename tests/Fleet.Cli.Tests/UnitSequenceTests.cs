using Fleet.Cli.Tests.Harness;
using Fleet.Core;
using Fleet.Transport.Api;
using Fleet.Unit;

namespace Fleet.Cli.Tests;

/// <summary>
/// The reference's unit steps replayed in their order against one three-machine fleet, as fleetctl
/// ran them: each step sees what the earlier ones did (015 lists what 013 submitted). The command
/// line runs as a process in a folder holding copies of the reference's units and is compared byte
/// for byte. The steps it does not run yet (load, start, stop, unload) are done through the
/// library's <see cref="FleetClient"/> with the same effect, then the fleet is let settle.
/// </summary>
public sealed class UnitSequenceTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("flunits").FullName;
    private ServedFleet fleet = null!;
    private FleetClient client = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(ReferenceStep.Folder, "units"))) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        fleet = await ServedFleet.StartAsync(FleetTransport.UnixSocket);
        client = (await FleetClient.ConnectAsync(fleet.Server.Endpoint)).Match(c => c, error => throw new InvalidOperationException(error.Message));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await client.DisposeAsync();
        await fleet.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task StepsMatchFleetctlInOrder()
    {
        await Step("011");
        await Step("012");
        // 013 through the library until submit is a command.
        foreach (var name in new[] { "hello.service", "ping.service", "pong.service", "web@.service", "monitor.service", "db.service" }) await Submit(name);
        await Step("015");

        // 016-023 through the library: load and start as fleetctl's steps did.
        await Desire("ping.service", DesiredState.Loaded);
        await Desire("db.service", DesiredState.Loaded);
        await Desire("hello.service", DesiredState.Launched);
        await Desire("pong.service", DesiredState.Launched);
        await Instance("web@1.service", DesiredState.Launched);
        await Instance("web@2.service", DesiredState.Launched);
        await Desire("monitor.service", DesiredState.Launched);
        await Desire("ping.service", DesiredState.Launched);
        await SettleAsync();

        foreach (var id in new[] { "024", "025", "026", "027", "028", "029", "030", "031", "032", "033", "034", "035", "036", "037", "038", "039", "040", "041", "042" }) await Step(id);

        // 043-050 through the library: stop hello, pong and monitor; unload ping and db.
        await Desire("hello.service", DesiredState.Loaded);
        await Desire("pong.service", DesiredState.Loaded);
        await Desire("monitor.service", DesiredState.Loaded);
        await Desire("ping.service", DesiredState.Inactive);
        await Desire("db.service", DesiredState.Inactive);
        await SettleAsync();

        await Step("051");
        await Step("052");

        // 053-055: hello.service changed on disk, then loaded with --replace through the library
        // (submit is not a command yet).
        var hello = Path.Combine(folder, "hello.service");
        await File.WriteAllTextAsync(hello, (await File.ReadAllTextAsync(hello)).Replace("sleep 1", "sleep 2", StringComparison.Ordinal));
        await Replace("hello.service", DesiredState.Loaded);

        await Step("056");
        await Step("057");
        await Step("058");
    }

    private async Task Step(string id)
    {
        var step = ReferenceStep.Get(id);
        var result = await CliProcess.RunAsync(step.Arguments(fleet.Substitute), workingDirectory: folder);
        Assert.True(step.Stdout == result.Stdout && step.Stderr == result.Stderr && step.ExitCode == result.ExitCode, $"step {step.Id}:\n{result}\nexpected:\nexit {step.ExitCode}\n--- stdout ---\n{step.Stdout}--- stderr ---\n{step.Stderr}");
    }

    // Each change settles before the next, as fleetctl's blocking commands waited: the scheduler
    // then places each unit seeing the ones placed before it, as it did for the reference.
    private async Task Desire(string name, DesiredState state)
    {
        (await client.SetDesiredStateAsync(name, state)).Match(_ => { }, error => throw new InvalidOperationException(error.Message));
        await SettleAsync();
    }

    private async Task Submit(string name)
    {
        var file = UnitFile.Load(Path.Combine(folder, name)).Match(f => f, error => throw new InvalidOperationException(error.Message));
        (await client.CreateUnitAsync(name, file, DesiredState.Inactive)).Match(_ => { }, error => throw new InvalidOperationException(error.Message));
    }

    private async Task Replace(string name, DesiredState state)
    {
        var file = UnitFile.Load(Path.Combine(folder, name)).Match(f => f, error => throw new InvalidOperationException(error.Message));
        (await client.CreateUnitAsync(name, file, state)).Match(_ => { }, error => throw new InvalidOperationException(error.Message));
        await SettleAsync();
    }

    // fleetctl start creates an instance from its template in the registry.
    private async Task Instance(string name, DesiredState state)
    {
        var template = (await client.GetUnitAsync("web@.service")).Match(u => u, error => throw new InvalidOperationException(error.Message));
        (await client.CreateUnitAsync(name, UnitFile.FromOptions(template.Options), state)).Match(_ => { }, error => throw new InvalidOperationException(error.Message));
        await SettleAsync();
    }

    // Until every unit that is not global has reached what it desires and the states stop changing.
    private async Task SettleAsync()
    {
        string? last = null;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var units = (await client.ListUnitsAsync()).Match(u => u, error => throw new InvalidOperationException(error.Message));
            var states = (await client.ListUnitStatesAsync()).Match(s => s, error => throw new InvalidOperationException(error.Message));
            var snapshot = string.Join('\n', units.Select(u => $"{u.Name} {u.DesiredState} {u.CurrentState} {u.MachineId}").Concat(states.Select(s => s.ToString())));
            var reached = units.All(u => u.Options.Any(o => o.Name == "Global") || u.CurrentState == u.DesiredState);
            if (reached && snapshot == last) return;
            last = snapshot;
            await Task.Delay(100);
        }
        throw new TimeoutException("the fleet did not settle");
    }
}
