using Fleet.Ssh.Tunnel;
using Fleet.Tests.Shared.Ssh;

namespace Fleet.Ssh.Tests.Tunnel;

public sealed class RemoteCommandTests
{
    [Theory]
    [InlineData("/var/run/fleet.sock")]
    [InlineData("/tmp/a b/fleet.sock")]
    [InlineData("/tmp/$(touch pwned)/`id`;rm -rf x|y&z")]
    [InlineData("/tmp/it's \"quoted\"\\n")]
    [InlineData("/tmp/ünïcödé/\t*?[a]")]
    public async Task A_socket_path_reaches_the_remote_shell_as_one_word_unchanged(string path)
    {
        var quoted = ExecChannelConnector.ShellQuote(path);

        var echoed = await SshTool.RunAsync("/bin/sh", ["-c", $"printf '%s' {quoted}"]);

        Assert.Equal(path, echoed);
    }

    [Theory]
    [InlineData("~", "/home/core")]
    [InlineData("~/.fleetctl/known_hosts", "/home/core/.fleetctl/known_hosts")]
    [InlineData("/etc/fleet/known_hosts", "/etc/fleet/known_hosts")]
    [InlineData("~core/known_hosts", "~core/known_hosts")]
    [InlineData("relative/~/known_hosts", "relative/~/known_hosts")]
    public void A_leading_tilde_is_the_home_folder(string path, string expanded) => Assert.Equal(expanded, HomePath.Expand(path, "/home/core"));
}
