using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Fleet.Core;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet.Transport.Tests.Api;

/// <summary>
/// Every error answer the real fleet gave in the reference transcripts (400s, 404s, 405, 409,
/// 415, 500, 503), read by the client as it reads any answer: each must come out as an Http
/// error with fleet's code and fleet's own message.
/// </summary>
public sealed class ReferenceErrorTests
{
    private static readonly string Folder = ReferenceData.Folder("transcripts", "FLEET_TRANSCRIPTS");

    public static TheoryData<string, string, int> Errors()
    {
        var data = new TheoryData<string, string, int>();
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "index.json")));
        foreach (var entry in index.RootElement.EnumerateArray())
        {
            if (entry.GetProperty("status").ValueKind != JsonValueKind.Number || entry.GetProperty("status").GetInt32() < 400) continue;
            var request = entry.GetProperty("request").GetString()!;
            if (File.ReadAllText(Path.Combine(Folder, request)).StartsWith("HEAD ", StringComparison.Ordinal)) continue;
            data.Add(entry.GetProperty("id").GetString()!, entry.GetProperty("response").GetString()!, entry.GetProperty("status").GetInt32());
        }
        return data;
    }

    [Fact]
    public void The_transcripts_hold_every_kind_of_error_fleet_answers()
    {
        var codes = Errors().Select(row => (int)row[2]).ToHashSet();

        Assert.Superset(new System.Collections.Generic.HashSet<int> { 400, 404, 405, 409, 415, 500, 503 }, codes);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Fleets_error_answer_becomes_its_code_and_message(string id, string response, int status)
    {
        var answer = await File.ReadAllBytesAsync(Path.Combine(Folder, response));
        await using var server = new ScriptedServer([answer]);
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", server.Port);
        await using var connection = new HttpConnection(socket.GetStream());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var error = (await connection.SendAsync(
            new HttpRequest("GET", "/fleet/v1/units", "127.0.0.1"),
            response => Prelude.Right<APIError, APIError>(FleetResponses.ErrorOf(response)),
            deadline.Token)).Right();

        var expected = FleetMessage(answer);
        Assert.True(error.Kind == ErrorKind.Http && error.Code == status, $"{id}: {error}");
        if (expected.Length > 0) Assert.Equal(expected, error.Message);
        else Assert.StartsWith($"fleet answered {status} without a message", error.Message, StringComparison.Ordinal);
    }

    // The message in fleet's error entity, read from the captured bytes on their own.
    private static string FleetMessage(byte[] answer)
    {
        var text = Encoding.UTF8.GetString(answer);
        var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        if (text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = body[(body.IndexOf("\r\n", StringComparison.Ordinal) + 2)..];
            body = body[..body.LastIndexOf("\r\n0\r\n", StringComparison.Ordinal)];
        }
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetProperty("message").GetString()!;
    }
}
