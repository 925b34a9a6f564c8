using Fleet.Cli.Tests.Harness;
using Fleet.Core;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>
/// Creating units as fleetctl creates them: with no desired state, so fleet refuses to touch a
/// unit it holds, and with fleetctl's words when a local file cannot be read or parsed. The
/// expected texts are what fleetctl v1.0.0 (built from source) printed for the same steps against
/// the simulated Fleet.
/// </summary>
public sealed class UnitCreationTests : FleetFolderTest
{

    [Fact]
    public async Task Replacing_a_running_instance_is_refused_by_fleet_and_leaves_it_running()
    {
        CopyReferenceUnit("web@.service");
        Assert.Equal(0, (await RunAsync(["submit", "web@.service"])).ExitCode);
        Write("web@.service", "[Service]\nExecStart=/bin/false\n");
        Assert.Equal(0, (await RunAsync(["start", "web@1.service"])).ExitCode);

        var result = await RunAsync(["start", "--replace", "web@1.service"]);

        Assert.Equal("", result.Stdout);
        Assert.Equal("Error creating units: failed creating unit web@1.service: googleapi: Error 409: must provide DesiredState to update existing unit\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(DesiredState.Launched, Fleet.Server.Cluster.Units.Single(unit => unit.Name == "web@1.service").DesiredState);
    }

    [Fact]
    public async Task Replacing_a_loaded_instance_is_refused_by_fleet_and_leaves_it_loaded()
    {
        Write("web@.service", "[Service]\nExecStart=/bin/true\n");
        Assert.Equal(0, (await RunAsync(["submit", "web@.service"])).ExitCode);
        Assert.Equal(0, (await RunAsync(["load", "web@2.service"])).ExitCode);
        Write("web@.service", "[Service]\nExecStart=/bin/other\n");

        var result = await RunAsync(["load", "--replace", "web@2.service"]);

        Assert.Equal("", result.Stdout);
        Assert.Equal("Error creating units: failed creating unit web@2.service: googleapi: Error 409: must provide DesiredState to update existing unit\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(DesiredState.Loaded, Fleet.Server.Cluster.Units.Single(unit => unit.Name == "web@2.service").DesiredState);
    }

    [Fact]
    public async Task An_empty_file_reaches_fleet_which_refuses_it()
    {
        Write("empty.service", "");

        var result = await RunAsync(["submit", "empty.service"]);

        Assert.Equal("Error creating units: failed creating unit empty.service: googleapi: Error 409: unit does not exist and options field empty\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData("[Service\n", "unable to find end of section")]
    [InlineData("[Service] x\nExecStart=/bin/true\n", "found garbage after section name : [120]")]
    [InlineData("[Service]\nExecStart\n", "unexpected newline encountered while parsing option name")]
    [InlineData("[Service]\nExecStart", "EOF")]
    public async Task A_file_go_systemd_refuses_is_reported_in_its_words(string text, string message)
    {
        Write("bad.service", text);

        var result = await RunAsync(["submit", "bad.service"]);

        Assert.Equal("", result.Stdout);
        Assert.Equal($"Error creating units: failed getting Unit(bad.service) from file: {message}\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(Fleet.Server.Cluster.Units);
    }

    [Fact]
    public async Task A_line_too_long_is_reported_in_fleets_words()
    {
        Write("long.service", "[Service]\nExecStart=/bin/" + new string('x', 3000) + "\n");

        var result = await RunAsync(["submit", "long.service"]);

        Assert.Equal("Error creating units: failed getting Unit(long.service) from file: line too long (max 2048 bytes)\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_loop_of_links_exists_and_fails_to_open()
    {
        File.CreateSymbolicLink(Path.Combine(Folder.Path, "loop.service"), "loop.service");

        var result = await RunAsync(["submit", "loop.service"]);

        Assert.Equal("Error creating units: failed getting Unit(loop.service) from file: open loop.service: too many levels of symbolic links\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_path_through_a_file_exists_and_fails_to_open()
    {
        Directory.CreateDirectory(Path.Combine(Folder.Path, "sub", "deeper"));
        Write("sub/deeper/h.service", "[Service]\nExecStart=/bin/true\n");

        var result = await RunAsync(["submit", "sub/deeper/h.service/"]);

        Assert.Equal("Error creating units: failed getting Unit(sub/deeper/h.service/.service) from file: open sub/deeper/h.service/.service: not a directory\n", result.Stderr);
        Assert.Equal(1, result.ExitCode);
    }

    // fleetctl's "open X: permission denied" for an unreadable file cannot be shown here: the
    // tests may run as root, who reads any file.

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(Folder.Path, name), text);

    private Task<CliResult> RunAsync(string[] arguments) =>
        CliProcess.RunAsync(["--endpoint", Fleet.Server.Endpoint, .. arguments], workingDirectory: Folder.Path);
}
