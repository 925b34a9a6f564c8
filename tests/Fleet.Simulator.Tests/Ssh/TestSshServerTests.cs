using Fleet.Tests.Shared.Ssh;

namespace Fleet.Simulator.Tests.Ssh;

/// <summary>The throwaway sshd as OpenSSH's own client sees it.</summary>
public sealed class TestSshServerTests
{
    [Fact]
    public async Task Every_environment_variable_reaches_the_session()
    {
        await using var sshd = await TestSshServer.StartAsync(new TestSshServerOptions
        {
            Environment = new Dictionary<string, string> { ["PATH"] = "/opt/first:/usr/bin:/bin", ["FLEET_TEST"] = "two words" },
        });
        var knownHosts = Path.Combine(sshd.Folder, "client_known_hosts");
        await File.WriteAllLinesAsync(knownHosts, sshd.HostKeys.Select(sshd.KnownHostsLine));

        var printed = await SshTool.RunAsync("ssh",
        [
            "-F", "/dev/null", "-i", sshd.ClientKey.PrivateKeyPath, "-p", sshd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", $"UserKnownHostsFile={knownHosts}", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
            $"{sshd.User}@{sshd.Host}", "printf '%s|%s|%s' \"$PATH\" \"$FLEET_TEST\" \"$HOME\"",
        ]);

        Assert.Equal($"/opt/first:/usr/bin:/bin|two words|{Path.Combine(sshd.Folder, "home")}", printed);
    }
}
