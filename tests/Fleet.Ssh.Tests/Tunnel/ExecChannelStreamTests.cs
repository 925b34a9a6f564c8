using Fleet.Core;
using Fleet.Ssh.Tunnel;
using Fleet.Transport.Connections;
using Renci.SshNet;

namespace Fleet.Ssh.Tests.Tunnel;

public sealed class ExecChannelStreamTests(SshTunnelFixture fixture) : IClassFixture<SshTunnelFixture>
{
    // A command that fails at once (fleetctl missing) can end before the stream asks SSH.NET for
    // its input; the connect must still answer with the command's status, not SSH.NET's exception.
    [Fact]
    public async Task A_command_that_ended_before_its_stream_was_made_reports_its_status_on_the_first_read()
    {
        const string text = "echo 'fleetctl: not found' >&2; exit 127";
        using var ssh = new SshClient(fixture.Sshd.Host, fixture.Sshd.Port, fixture.Sshd.User, new PrivateKeyFile(fixture.Sshd.ClientKey.PrivateKeyPath));
        await ssh.ConnectAsync(CancellationToken.None);
        using var command = ssh.CreateCommand(text);
        var running = command.ExecuteAsync();
        await running;

        await using var stream = new ExecChannelStream(command, running, "tunnel:22", text);
        await stream.WriteAsync("GET /fleet/v1/machines HTTP/1.1\r\nHost: fleet\r\n\r\n"u8.ToArray());
        var failure = await Assert.ThrowsAsync<TransportFailure>(async () => _ = await stream.ReadAsync(new byte[64]));

        Assert.Equal(ErrorKind.Ssh, failure.Error.Kind);
        Assert.EndsWith("exited with status 127: fleetctl: not found", failure.Error.Message, StringComparison.Ordinal);
    }
}
