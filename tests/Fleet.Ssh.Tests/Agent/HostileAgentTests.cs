using System.Diagnostics;
using Fleet.Core;
using Fleet.Ssh.Agent;

namespace Fleet.Ssh.Tests.Agent;

/// <summary>Agents that break the protocol fail the request with an Ssh error, promptly, and allocate nothing they announce.</summary>
public sealed class HostileAgentTests
{
    // Short, so a silent agent is quick to test.
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    // Every other fault must fail well before any timeout; a short one would also trip when a
    // loaded machine is slow to run the fake agent, and hide which check failed.
    private static readonly TimeSpan LongTimeout = TimeSpan.FromSeconds(30);

    private static readonly byte[] KeyBlob = [0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 32, .. new byte[32]];

    public static TheoryData<string, byte[], bool, string> Faults => new()
    {
        { "an oversized length", [0x7F, 0xFF, 0xFF, 0xFF, 12], false, "answered with a frame of 2147483647 bytes, more than the 262144 allowed" },
        { "a length one over the limit", [0, 4, 0, 1, 12], false, "answered with a frame of 262145 bytes, more than the 262144 allowed" },
        { "a truncated length", [0, 0], true, "answered with a truncated frame: the connection closed after 2 of the 4 bytes of its length" },
        { "a truncated body", [0, 0, 0, 10, 12, 0, 0], true, "answered with a truncated frame: the connection closed after 3 of the 10 bytes of its body" },
        { "an empty frame", [0, 0, 0, 0], false, "answered with an empty frame" },
        { "a close", [], true, "closed the connection without answering" },
        { "silence", [], false, "did not answer within 0.3 s" },
        { "an unknown type", [0, 0, 0, 1, 99], false, "answered message type 99 to " },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Listing_fails_on(string fault, byte[] answer, bool close, string message)
    {
        _ = fault;
        await using var fake = new FakeAgent(answer, close);
        using var agent = await ConnectAsync(fake.SocketPath, answer.Length == 0 && !close ? ShortTimeout : LongTimeout);

        var clock = Stopwatch.StartNew();
        var error = SshAgentClientTests.Left(await agent.ListIdentitiesAsync(CancellationToken.None));

        AssertPromptSshError(error, fake.SocketPath, message, clock.Elapsed);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Signing_fails_on(string fault, byte[] answer, bool close, string message)
    {
        _ = fault;
        await using var fake = new FakeAgent(answer, close);
        using var agent = await ConnectAsync(fake.SocketPath, answer.Length == 0 && !close ? ShortTimeout : LongTimeout);

        var clock = Stopwatch.StartNew();
        var error = SshAgentClientTests.Left(agent.Sign(KeyBlob, [1, 2, 3], 0));

        AssertPromptSshError(error, fake.SocketPath, message, clock.Elapsed);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 1, 5 }, "refused a request for its keys")]
    [InlineData(new byte[] { 0, 0, 0, 5, 12, 0xFF, 0xFF, 0xFF, 0xFF }, "answered with a malformed message: its list of keys claims 4294967295 keys in 0 bytes")]
    [InlineData(new byte[] { 0, 0, 0, 13, 12, 0, 0, 0, 1, 0, 0, 0, 9, 1, 2, 3, 4 }, "answered with a malformed message: key 1 of 1 in its list of keys is cut short")]
    public async Task A_refused_or_malformed_list_is_an_ssh_error(byte[] answer, string message)
    {
        await using var fake = new FakeAgent(answer, close: false);
        using var agent = await ConnectAsync(fake.SocketPath, LongTimeout);

        var error = SshAgentClientTests.Left(await agent.ListIdentitiesAsync(CancellationToken.None));

        AssertPromptSshError(error, fake.SocketPath, message, TimeSpan.Zero);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 5, 14, 0, 0, 0, 9 }, "answered with a malformed message: its signature is cut short")]
    [InlineData(new byte[] { 0, 0, 0, 9, 14, 0, 0, 0, 4, 0, 0, 0, 9 }, "answered with a malformed message: its signature is not an SSH signature blob (algorithm, signature)")]
    [InlineData(new byte[] { 0, 0, 0, 1, 12 }, "answered message type 12 to a sign request, where 14 was expected")]
    public async Task A_malformed_signature_is_an_ssh_error(byte[] answer, string message)
    {
        await using var fake = new FakeAgent(answer, close: false);
        using var agent = await ConnectAsync(fake.SocketPath, LongTimeout);

        var error = SshAgentClientTests.Left(agent.Sign(KeyBlob, [1, 2, 3], 0));

        AssertPromptSshError(error, fake.SocketPath, message, TimeSpan.Zero);
    }

    [Fact]
    public async Task After_a_framing_fault_the_connection_refuses_further_requests()
    {
        await using var fake = new FakeAgent([0, 0], close: false);
        using var agent = await ConnectAsync(fake.SocketPath, ShortTimeout);
        SshAgentClientTests.Left(await agent.ListIdentitiesAsync(CancellationToken.None));

        var error = SshAgentClientTests.Left(agent.Sign(KeyBlob, [1, 2, 3], 0));

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Equal($"ssh-agent at {fake.SocketPath}: the connection cannot be used since it did not answer within 0.3 s", error.Message);
    }

    [Fact]
    public async Task Cancelling_a_listing_throws_and_spoils_the_connection()
    {
        await using var fake = new FakeAgent([], close: false);
        var agent = SshAgentClientTests.Right(await SshAgentClient.ConnectAsync(fake.SocketPath, TimeSpan.FromMinutes(5), CancellationToken.None));
        using (agent)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => agent.ListIdentitiesAsync(cancel.Token));

            Assert.Contains("cannot be used since a request was cancelled", SshAgentClientTests.Left(agent.Sign(KeyBlob, [1], 0)).Message);
        }
    }

    private static async Task<SshAgentClient> ConnectAsync(string socketPath, TimeSpan receiveTimeout) =>
        SshAgentClientTests.Right(await SshAgentClient.ConnectAsync(socketPath, receiveTimeout, CancellationToken.None));

    private static void AssertPromptSshError(APIError error, string socketPath, string message, TimeSpan elapsed)
    {
        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh-agent at {socketPath}", error.Message);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), error.Message);
        // Generous for a loaded machine, far below a hang.
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
    }
}
