using Fleet.Core;
using Fleet.Transport.Etcd;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Transport.Tests.Etcd;

/// <summary>Redirects followed as Go's etcd client follows them, at most ten times.</summary>
public sealed class EtcdRedirectTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private readonly string prefix = EtcdFixture.NewPrefix();

    [Fact]
    public async Task A_redirect_to_another_member_is_followed_with_the_same_method_and_body()
    {
        var target = $"{etcd.Server.ClientUrl}/v2/keys{prefix}/moved?prevExist=false";
        await using var proxy = new ScriptedServer([EtcdAnswerBytes.Redirect(target)]);
        await using var client = EtcdKeysClient.Create($"http://127.0.0.1:{proxy.Port}").Right();

        var set = await client.SetAsync($"{prefix}/asked", "a value");

        Assert.Equal(("create", $"{prefix}/moved", "a value"), (set.Right().Action, set.Right().Node.Key, set.Right().Node.Value));
        Assert.StartsWith($"PUT /v2/keys{prefix}/asked HTTP/1.1\r\n", Assert.Single(proxy.Requests));
        // The member that redirected stays the one asked first: Go's client keeps members, not redirect targets.
        Assert.Equal($"http://127.0.0.1:{proxy.Port}", client.PinnedEndpoint);
    }

    [Fact]
    public async Task A_redirect_to_a_path_stays_on_the_member()
    {
        await using var member = new ScriptedServer([EtcdAnswerBytes.Redirect("/v2/keys/elsewhere?recursive=true", 301), EtcdAnswerBytes.Node("/elsewhere", "there")]);
        await using var client = EtcdKeysClient.Create($"http://127.0.0.1:{member.Port}").Right();

        var got = (await client.GetAsync("/here")).Right();

        Assert.Equal("there", got.Node.Value);
        Assert.Equal(
            ["GET /v2/keys/here?quorum=false&recursive=false&sorted=false", "GET /v2/keys/elsewhere?recursive=true"],
            member.Requests.Select(r => r[..r.IndexOf(" HTTP/1.1", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task Ten_redirects_are_followed_and_the_eleventh_is_refused()
    {
        var loop = Enumerable.Repeat<byte[]?>(EtcdAnswerBytes.Redirect("/v2/keys/loop"), 11).ToList();
        await using var member = new ScriptedServer(loop);
        await using var client = EtcdKeysClient.Create($"http://127.0.0.1:{member.Port}").Right();

        var error = (await client.GetAsync("/start")).Left();

        Assert.Equal(ErrorKind.Protocol, error.Kind);
        Assert.Equal(
            $"client: etcd cluster is unavailable or misconfigured; error #0: client: etcd member http://127.0.0.1:{member.Port}: too many redirects (more than 10; the last to \"/v2/keys/loop\")",
            error.Message);
        Assert.Equal(11, member.Requests.Count);
    }

    [Fact]
    public async Task Ten_redirects_then_an_answer_is_the_answer()
    {
        var answers = Enumerable.Repeat<byte[]?>(EtcdAnswerBytes.Redirect("/v2/keys/loop"), 10).Append(EtcdAnswerBytes.Node("/loop", "at last")).ToList();
        await using var member = new ScriptedServer(answers);
        await using var client = EtcdKeysClient.Create($"http://127.0.0.1:{member.Port}").Right();

        Assert.Equal("at last", (await client.GetAsync("/start")).Right().Node.Value);
    }

    [Theory]
    [InlineData("HTTP/1.1 307 Temporary Redirect\r\nContent-Length: 0\r\n\r\n", " answered 307 without a Location header")]
    [InlineData("HTTP/1.1 307 Temporary Redirect\r\nLocation: ftp://elsewhere/x\r\nContent-Length: 0\r\n\r\n", ": Location header not valid URL: \"ftp://elsewhere/x\"")]
    public async Task A_redirect_that_cannot_be_followed_is_the_member_s_failure(string answer, string words)
    {
        await using var member = new ScriptedServer([ScriptedServer.Bytes(answer)]);
        await using var client = EtcdKeysClient.Create($"http://127.0.0.1:{member.Port}").Right();

        var error = (await client.GetAsync("/k")).Left();

        Assert.Equal(ErrorKind.Protocol, error.Kind);
        Assert.StartsWith($"client: etcd cluster is unavailable or misconfigured; error #0: client: etcd member http://127.0.0.1:{member.Port}", error.Message);
        Assert.EndsWith(words, error.Message);
    }
}
