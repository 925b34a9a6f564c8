using Fleet.Core;
using Fleet.Transport.Etcd;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Transport.Tests.Etcd;

/// <summary>A cluster of members used as Go's etcd client uses it: the next member after a failure, the one that answered kept.</summary>
public sealed class EtcdFailoverTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static readonly EtcdClientOptions Quick = new() { RequestTimeout = TimeSpan.FromMilliseconds(300) };

    // The same per-member timeout also bounds the live member's answer: where one must answer
    // after a silent one, leave it room on two loaded cores (300 ms once ran out in a full run).
    private static readonly EtcdClientOptions Roomy = new() { RequestTimeout = TimeSpan.FromSeconds(3) };

    private readonly string prefix = EtcdFixture.NewPrefix();

    private string Live => etcd.Server.ClientUrl;

    private static EtcdKeysClient InOrder(EtcdClientOptions? options = null, params string[] urls) =>
        EtcdKeysClient.Create(urls, options, shuffle: false).Right();

    [Fact]
    public async Task A_dead_first_member_is_skipped_and_the_live_one_kept()
    {
        var dead = EtcdAnswerBytes.DeadUrl();
        await using var client = InOrder(null, dead, Live);

        var set = await client.SetAsync($"{prefix}/k", "v");

        Assert.Equal("v", set.Right().Node.Value);
        Assert.Equal(Live, client.PinnedEndpoint);
        Assert.Equal("v", (await client.GetAsync($"{prefix}/k")).Right().Node.Value);
    }

    [Fact]
    public async Task A_member_answering_503_is_skipped_and_not_asked_again()
    {
        await using var sick = new ScriptedServer([EtcdAnswerBytes.Json(503, "{}"), EtcdAnswerBytes.Json(503, "{}")], closeAfter: false);
        await using var client = InOrder(null, EtcdAnswerBytes.Url(sick), Live);

        (await client.SetAsync($"{prefix}/k", "v")).Right();
        (await client.GetAsync($"{prefix}/k")).Right();
        (await client.GetAsync($"{prefix}/k")).Right();

        Assert.Single(sick.Requests);
        Assert.Equal(Live, client.PinnedEndpoint);
    }

    [Theory]
    [InlineData("garbage\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\ncut short")]
    public async Task A_member_answering_what_is_not_http_is_skipped(string garbage)
    {
        await using var broken = new ScriptedServer([ScriptedServer.Bytes(garbage)]);
        await using var client = InOrder(null, EtcdAnswerBytes.Url(broken), Live);

        var set = await client.SetAsync($"{prefix}/k", "after garbage");

        Assert.Equal("after garbage", set.Right().Node.Value);
        Assert.Single(broken.Requests);
    }

    [Theory]
    [InlineData(500, "has no leader")]
    [InlineData(503, "has no leader")]
    [InlineData(502, "returns server error [Bad Gateway]")]
    public async Task The_only_member_answering_5xx_is_a_clear_error_naming_it(int status, string words)
    {
        await using var sick = new ScriptedServer([EtcdAnswerBytes.Answer(status, "text/plain", "upstream down")]);
        await using var client = InOrder(null, EtcdAnswerBytes.Url(sick));

        var error = (await client.GetAsync("/k")).Left();

        Assert.Equal(ErrorKind.Http, error.Kind);
        Assert.Equal(status, error.Code);
        Assert.Equal($"client: etcd cluster is unavailable or misconfigured; error #0: client: etcd member {EtcdAnswerBytes.Url(sick)} {words}", error.Message);
        Assert.Equal("upstream down", error.Received);
    }

    [Fact]
    public async Task The_only_member_answering_garbage_is_a_protocol_error_naming_it_and_showing_what_came()
    {
        await using var broken = new ScriptedServer([ScriptedServer.Bytes("SSH-2.0-OpenSSH_9.2\r\n\r\n")]);
        await using var client = InOrder(null, EtcdAnswerBytes.Url(broken));

        var error = (await client.GetAsync("/k")).Left();

        Assert.Equal(ErrorKind.Protocol, error.Kind);
        Assert.StartsWith($"client: etcd cluster is unavailable or misconfigured; error #0: client: etcd member {EtcdAnswerBytes.Url(broken)}: ", error.Message);
        Assert.Contains("SSH-2.0-OpenSSH_9.2", error.Received);
    }

    [Fact]
    public async Task A_success_that_is_not_etcd_json_is_a_decoding_error_showing_it_as_go_s_client_does_without_trying_the_next()
    {
        await using var web = new ScriptedServer([EtcdAnswerBytes.Answer(200, "text/html", "<html><body>a web server</body></html>")]);
        await using var client = InOrder(null, EtcdAnswerBytes.Url(web), Live);

        var error = (await client.GetAsync("/k")).Left();

        Assert.Equal(ErrorKind.Decoding, error.Kind);
        Assert.Equal($"etcd member {EtcdAnswerBytes.Url(web)} answered 200 (text/html) with something other than etcd's JSON: <html><body>a web server</body></html>", error.Message);
        Assert.Equal("<html><body>a web server</body></html>", error.Received);
    }

    [Theory]
    [InlineData(200, "{\"action\":\"get\"}", "with JSON that is not etcd's answer (no action or node)")]
    [InlineData(200, "", "with an empty body")]
    [InlineData(404, "404 page not found", "without etcd's error JSON")]
    [InlineData(412, "{\"error\":{\"code\":412}}", "without etcd's error JSON")]
    public async Task Answers_that_are_not_etcd_s_are_decoding_errors_that_say_what_was_wrong(int status, string body, string words)
    {
        await using var other = new ScriptedServer([EtcdAnswerBytes.Answer(status, "application/json", body)]);
        await using var client = InOrder(null, EtcdAnswerBytes.Url(other));

        var error = (await client.GetAsync("/k")).Left();

        Assert.Equal(ErrorKind.Decoding, error.Kind);
        Assert.Equal(status, error.Code);
        Assert.StartsWith($"etcd member {EtcdAnswerBytes.Url(other)} answered {status} (application/json) {words}", error.Message);
    }

    [Fact]
    public async Task An_etcd_index_that_is_not_a_number_is_a_decoding_error()
    {
        await using var odd = new ScriptedServer([EtcdAnswerBytes.Answer(200, "application/json", "{\"action\":\"get\",\"node\":{\"key\":\"/k\"}}", "X-Etcd-Index: seven\r\n")]);
        await using var client = InOrder(null, EtcdAnswerBytes.Url(odd));

        var error = (await client.GetAsync("/k")).Left();

        Assert.Equal(ErrorKind.Decoding, error.Kind);
        Assert.Contains("X-Etcd-Index that is not a number: \"seven\"", error.Message);
    }

    [Fact]
    public async Task A_member_that_accepts_and_never_answers_times_out_and_the_next_is_kept()
    {
        await using var silent = new ScriptedServer(Array.Empty<byte[]?>(), closeAfter: false);
        await using var client = InOrder(Roomy, EtcdAnswerBytes.Url(silent), Live);

        var set = await client.SetAsync($"{prefix}/k", "v");

        Assert.Equal("v", set.Right().Node.Value);
        Assert.Equal(Live, client.PinnedEndpoint);
        Assert.Equal(1, silent.Accepted);
    }

    [Fact]
    public async Task The_only_member_never_answering_is_a_header_timeout_naming_it()
    {
        await using var silent = new ScriptedServer(Array.Empty<byte[]?>(), closeAfter: false);
        await using var client = InOrder(Quick, EtcdAnswerBytes.Url(silent));

        var error = (await client.GetAsync("/k")).Left();

        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal($"client: etcd cluster is unavailable or misconfigured; error #0: client: endpoint {EtcdAnswerBytes.Url(silent)} exceeded header timeout", error.Message);
    }

    [Fact]
    public async Task A_create_or_delete_that_may_have_reached_a_member_is_not_sent_to_another()
    {
        await using var silent = new ScriptedServer(Array.Empty<byte[]?>(), closeAfter: false);
        await using var client = InOrder(Quick, EtcdAnswerBytes.Url(silent), Live);
        var expected = $"client: endpoint {EtcdAnswerBytes.Url(silent)} exceeded header timeout";

        var create = (await client.SetAsync($"{prefix}/unit/abc", "v", new EtcdSetOptions { PrevExist = false })).Left();
        var delete = (await client.DeleteAsync($"{prefix}/unit/abc")).Left();

        Assert.Equal((ErrorKind.Timeout, expected), (create.Kind, create.Message));
        Assert.Equal((ErrorKind.Timeout, expected), (delete.Kind, delete.Message));
        Assert.Equal(EtcdAnswerBytes.Url(silent), client.PinnedEndpoint);
        await using var direct = InOrder(null, Live);
        Assert.Equal(EtcdErrorCodes.KeyNotFound, (await direct.GetAsync($"{prefix}/unit/abc")).Left().EtcdCode);
    }

    [Fact]
    public async Task A_create_or_delete_moves_on_from_a_member_that_could_not_have_applied_it()
    {
        await using var sick = new ScriptedServer([EtcdAnswerBytes.Json(503, "{}")]);
        await using var client = InOrder(null, EtcdAnswerBytes.DeadUrl(), EtcdAnswerBytes.Url(sick), Live);

        var create = (await client.SetAsync($"{prefix}/unit/abc", "v", new EtcdSetOptions { PrevExist = false })).Right();

        Assert.Equal("create", create.Action);
        Assert.Equal(Live, client.PinnedEndpoint);
        Assert.Single(sick.Requests);
    }

    [Fact]
    public async Task When_every_member_fails_one_error_names_each_and_its_failure()
    {
        var dead = EtcdAnswerBytes.DeadUrl();
        await using var silent = new ScriptedServer(Array.Empty<byte[]?>(), closeAfter: false);
        await using var sick = new ScriptedServer([EtcdAnswerBytes.Json(503, "{}")]);
        await using var client = InOrder(Quick, dead, EtcdAnswerBytes.Url(silent), EtcdAnswerBytes.Url(sick));

        var error = (await client.GetAsync("/k")).Left();

        Assert.Equal(ErrorKind.Transport, error.Kind);
        Assert.Equal(
            "client: etcd cluster is unavailable or misconfigured" +
            $"; error #0: dial tcp {dead[7..]}: connect: connection refused" +
            $"; error #1: client: endpoint {EtcdAnswerBytes.Url(silent)} exceeded header timeout" +
            $"; error #2: client: etcd member {EtcdAnswerBytes.Url(sick)} has no leader",
            error.Message);
        Assert.Equal(dead, client.PinnedEndpoint);
    }

    [Fact]
    public void The_members_are_shuffled_once_when_the_client_is_made()
    {
        var urls = Enumerable.Range(1, 8).Select(i => $"http://10.0.0.{i}:2379").ToArray();
        var orders = new List<IReadOnlyList<string>>();
        for (var i = 0; i < 4; i++)
        {
            using var client = EtcdKeysClient.Create(string.Join(',', urls)).Right();
            Assert.Equal(urls.Order(), client.Endpoints.Order());
            Assert.Equal(client.Endpoints[0], client.PinnedEndpoint);
            orders.Add(client.Endpoints);
        }

        // Four times the given order out of 8! would be a broken shuffle, not bad luck.
        Assert.Contains(orders, order => !order.SequenceEqual(urls));
    }

    [Theory]
    [InlineData("127.0.0.1:2379", "etcd endpoint \"127.0.0.1:2379\" is not an http:// or https:// URL")]
    [InlineData("", "etcd endpoint \"\" is not an http:// or https:// URL")]
    [InlineData("http://127.0.0.1:2379,unix:///run/etcd.sock", "etcd endpoint \"unix:///run/etcd.sock\" is not an http:// or https:// URL")]
    [InlineData("http://127.0.0.1:99999", "etcd endpoint \"http://127.0.0.1:99999\": endpoint \"http://127.0.0.1:99999\" has an invalid port \"99999\"")]
    public void Endpoint_lists_that_cannot_be_used_are_refused_before_anything_is_sent(string endpoints, string message)
    {
        var error = EtcdKeysClient.Create(endpoints).Left();

        Assert.Equal((ErrorKind.Validation, message, "endpoints"), (error.Kind, error.Message, error.Parameter));
    }

    [Fact]
    public async Task The_caller_s_cancellation_throws_and_is_not_a_failover()
    {
        await using var silent = new ScriptedServer(Array.Empty<byte[]?>(), closeAfter: false);
        await using var client = InOrder(new EtcdClientOptions { RequestTimeout = Timeout.InfiniteTimeSpan }, EtcdAnswerBytes.Url(silent), Live);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/k", cancellationToken: cancel.Token));
        Assert.Equal(EtcdAnswerBytes.Url(silent), client.PinnedEndpoint);
    }
}
