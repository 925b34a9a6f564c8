using System.Buffers;
using System.Net.Sockets;
using System.Text;
using Fleet.Core;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet.Transport.Tests.Http;

/// <summary>The connection against a scripted server on a real loopback socket.</summary>
public class HttpConnectionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    internal static async Task<(Either<APIError, (int Status, string Body)> Result, HttpConnection Connection, ScriptedServer Server)> SendAsync(
        byte[]? answer, string method = "GET", HttpLimits? limits = null, bool closeAfter = true)
    {
        var server = new ScriptedServer([answer], closeAfter);
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        var connection = new HttpConnection(client.GetStream(), limits);
        using var deadline = new CancellationTokenSource(Deadline);
        var result = await connection.SendAsync(
            new HttpRequest(method, "/fleet/v1/units/hello.service", "127.0.0.1"),
            response => (Either<APIError, (int, string)>)(response.StatusCode, Encoding.Latin1.GetString(response.Body.ToArray())),
            deadline.Token);
        return (result, connection, server);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, "hello", true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n!\r\n0\r\nT: 1\r\n\r\n", 200, "hello!", true)]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n", 204, "", true)]
    [InlineData("HTTP/1.1 304 Not Modified\r\n\r\n", 304, "", true)]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early\r\nLink: x\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 201, "", true)]
    [InlineData("HTTP/1.0 200 OK\r\n\r\nuntil close", 200, "until close", false)]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 200, "ok", false)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA", 200, "ok", false)]
    [InlineData("HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 200, "ok", true)]
    public async Task Reads_every_framing(string answer, int status, string body, bool reusable)
    {
        var (result, connection, server) = await SendAsync(ScriptedServer.Bytes(answer), closeAfter: !reusable);
        await using (server)
        await using (connection)
        {
            Assert.Equal((status, body), Assert.Single(result.RightToSeq()));
            Assert.Equal(reusable, connection.IsReusable);
        }
    }

    [Fact]
    public async Task A_head_response_has_no_body_whatever_its_length()
    {
        var (result, connection, server) = await SendAsync(ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"), "HEAD", closeAfter: false);
        await using (server)
        await using (connection)
        {
            Assert.Equal((200, ""), Assert.Single(result.RightToSeq()));
            Assert.True(connection.IsReusable);
        }
    }

    [Fact]
    public async Task Keeps_the_connection_for_the_next_request()
    {
        await using var server = new ScriptedServer(
            [ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"), ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n")]);
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await using var connection = new HttpConnection(client.GetStream());
        foreach (var expected in new[] { "one", "two" })
        {
            var body = await connection.SendAsync(new HttpRequest("GET", "/fleet/v1/machines", "127.0.0.1"),
                response => (Either<APIError, string>)Encoding.ASCII.GetString(response.Body.ToArray()), CancellationToken.None);
            Assert.Equal(expected, Assert.Single(body.RightToSeq()));
        }
        Assert.Equal(2, connection.Completed);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Writes_fleetctls_headers_and_a_json_body()
    {
        await using var server = new ScriptedServer([ScriptedServer.Bytes("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")]);
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await using var connection = new HttpConnection(client.GetStream());
        var json = "{\"desiredState\":\"launched\"}"u8.ToArray();
        var result = await connection.SendAsync(new HttpRequest("PUT", "/fleet/v1/units/hello.service", "domain-sock", json),
            response => (Either<APIError, int>)response.StatusCode, CancellationToken.None);
        Assert.Equal(201, Assert.Single(result.RightToSeq()));
        Assert.Equal(
            "PUT /fleet/v1/units/hello.service HTTP/1.1\r\nHost: domain-sock\r\nUser-Agent: fleet-dotnet/1.0\r\nAccept: application/json\r\n" +
            "Content-Type: application/json\r\nContent-Length: 27\r\n\r\n{\"desiredState\":\"launched\"}",
            Assert.Single(server.Requests));
    }

    [Theory]
    [InlineData("value=a+b", "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nvalue=a+b")]
    [InlineData(null, "Content-Type: application/x-www-form-urlencoded\r\n\r\n")]
    public async Task Writes_a_body_of_another_type_and_a_type_without_a_body_as_go_s_etcd_client_does(string? body, string expected)
    {
        await using var server = new ScriptedServer([ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]);
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await using var connection = new HttpConnection(client.GetStream());
        var request = new HttpRequest("DELETE", "/v2/keys/x", "127.0.0.1:2379", body is null ? null : Encoding.ASCII.GetBytes(body), "application/x-www-form-urlencoded");

        var result = await connection.SendAsync(request, response => (Either<APIError, int>)response.StatusCode, CancellationToken.None);

        Assert.Equal(200, Assert.Single(result.RightToSeq()));
        Assert.Equal(
            "DELETE /v2/keys/x HTTP/1.1\r\nHost: 127.0.0.1:2379\r\nUser-Agent: fleet-dotnet/1.0\r\nAccept: application/json\r\n" + expected,
            Assert.Single(server.Requests));
    }

    [Fact]
    public async Task Refuses_a_content_type_that_could_break_a_header_before_sending()
    {
        await using var server = new ScriptedServer([ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]);
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await using var connection = new HttpConnection(client.GetStream());

        var result = await connection.SendAsync(new HttpRequest("PUT", "/v2/keys/x", "h", [], "text/plain\r\nX-Injected: 1"), _ => (Either<APIError, int>)0, CancellationToken.None);

        Assert.Equal(ErrorKind.Validation, Assert.Single(result.LeftToSeq()).Kind);
        Assert.True(connection.IsReusable);
    }

    [Theory]
    [InlineData("/fleet/v1/units/a b.service")]
    [InlineData("/fleet/v1/units/a\r\nX-Injected: 1")]
    [InlineData("/fleet/v1/units/caf\u00e9.service")]
    [InlineData("fleet/v1/units")]
    public async Task Refuses_a_target_that_could_break_the_request_line_before_sending(string target)
    {
        await using var server = new ScriptedServer([ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]);
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await using var connection = new HttpConnection(client.GetStream());
        var result = await connection.SendAsync(new HttpRequest("GET", target, "127.0.0.1"), _ => (Either<APIError, int>)0, CancellationToken.None);
        Assert.Equal(ErrorKind.Validation, Assert.Single(result.LeftToSeq()).Kind);
        Assert.True(connection.IsReusable);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Cancellation_ends_a_stalled_read_and_the_connection_is_not_reused()
    {
        await using var server = new ScriptedServer([ScriptedServer.Bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhal")], closeAfter: false);
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        await using var connection = new HttpConnection(client.GetStream());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.SendAsync(
            new HttpRequest("GET", "/fleet/v1/units", "127.0.0.1"), _ => (Either<APIError, int>)0, cancel.Token).AsTask());
        Assert.False(connection.IsReusable);
    }
}
