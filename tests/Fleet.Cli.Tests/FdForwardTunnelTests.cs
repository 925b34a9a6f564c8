using Fleet.Cli.Tests.Harness;
using Fleet.Core;
using Fleet.Simulator;
using Fleet.Ssh;
using Fleet.Tests.Shared.Ssh;
using Fleet.Transport;
using LanguageExt;

namespace Fleet.Cli.Tests;

/// <summary>
/// <c>fd-forward</c> as the remote end of the SSH tunnel to a unix socket: a real sshd on loopback
/// runs this command line for each channel, and a FleetClient's traffic goes through it.
/// </summary>
public sealed class FdForwardTunnelTests
{
    private static readonly UnitOption[] Exec = [new("Service", "ExecStart", "/bin/sleep 1d")];

    [Fact]
    public async Task Carries_a_fleet_clients_operations_through_the_tunnel()
    {
        using var folder = new TemporaryFolder();
        await using var sshd = await TestSshServer.StartAsync();
        await using var fleet = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = Path.Combine(folder.Path, "fleet.sock"), AgentDelay = TimeSpan.Zero });
        var knownHosts = Path.Combine(folder.Path, "known_hosts");
        await File.WriteAllLinesAsync(knownHosts, sshd.HostKeys.Select(sshd.KnownHostsLine));
        var forwarded = Path.Combine(folder.Path, "forwarded");
        var ssh = new SshTunnelOptions
        {
            Tunnel = sshd.Tunnel,
            User = sshd.User,
            KnownHostsFile = knownHosts,
            KeyFiles = [new SshKeyFile(sshd.ClientKey.PrivateKeyPath)],
            UseAgent = false,
            UseDefaultKeyFiles = false,
            // The login's PATH need not hold dotnet, so the one running the tests is named in full;
            // each run leaves the socket's path in a file, as proof the traffic went through it.
            RemoteCommand = $"printf '%s\\n' {{0}} >> {ExecChannelQuote(forwarded)} && exec {string.Join(' ', CliProcess.Command(DotnetHost).Select(ExecChannelQuote))} fd-forward {{0}}",
        };
        await using var client = Value(await FleetClient.ConnectAsync(
            $"unix://{fleet.UnixSocketPath}",
            new FleetClientOptions { Transport = HttpTransportOptions.Default with { Connector = SshTunnel.Connector(ssh) } }), sshd);

        var machines = Value(await client.ListMachinesAsync(), sshd);
        Value(await client.CreateUnitAsync("tunnelled.service", Exec, DesiredState.Launched), sshd);
        var unit = Value(await client.GetUnitAsync("tunnelled.service"), sshd);
        var listed = Value(await client.ListUnitsAsync(), sshd);
        Value(await client.DestroyUnitAsync(unit), sshd);
        var gone = await client.GetUnitAsync("tunnelled.service");

        Assert.Equal(fleet.Cluster.Machines.Select(machine => machine.Id).Order(), machines.Select(machine => machine.Id).Order());
        Assert.Equal(Exec, unit.Options);
        Assert.Equal(DesiredState.Launched, unit.DesiredState);
        Assert.Contains(listed, listedUnit => listedUnit.Name == "tunnelled.service");
        Assert.Equal(404, gone.Match(found => throw new Xunit.Sdk.XunitException($"expected the unit gone, got {found}"), error => error.Code));
        var runs = await File.ReadAllLinesAsync(forwarded);
        Assert.NotEmpty(runs);
        Assert.All(runs, path => Assert.Equal(fleet.UnixSocketPath, path));
    }

    // The SDK names the dotnet it runs under; outside it, dotnet on the PATH.
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string ExecChannelQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static T Value<T>(Either<APIError, T> result, TestSshServer sshd) =>
        result.Match(value => value, error => throw new Xunit.Sdk.XunitException($"expected a value, got {error}\n--- sshd log ---\n{sshd.Log}"));
}
