namespace Fleet.Cli.Tests.Harness;

/// <summary>
/// A test class with a three-machine fleet of its own, served over TCP, and an empty folder to run
/// the command line in, into which the reference's unit files it names are copied first.
/// </summary>
public abstract class FleetFolderTest : IAsyncLifetime
{
    /// <summary>The folder the command line runs in.</summary>
    internal TemporaryFolder Folder { get; } = new();

    /// <summary>The fleet.</summary>
    internal ServedFleet Fleet { get; private set; } = null!;

    /// <summary>The reference's unit files (tests/fleet-reference/fleetctl/units) to copy into <see cref="Folder"/> before each test.</summary>
    protected virtual IEnumerable<string> ReferenceUnits => [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        foreach (var name in ReferenceUnits) CopyReferenceUnit(name);
        Fleet = await ServedFleet.StartAsync(FleetTransport.Tcp);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        await Fleet.DisposeAsync();
        Folder.Dispose();
    }

    /// <summary>Copies one of the reference's unit files into <see cref="Folder"/>.</summary>
    /// <param name="name">Its file name.</param>
    protected void CopyReferenceUnit(string name) =>
        File.Copy(Path.Combine(ReferenceStep.Folder, "units", name), Path.Combine(Folder.Path, name));
}
