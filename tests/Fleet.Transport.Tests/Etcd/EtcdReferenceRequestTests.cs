using System.Text;
using System.Web;
using Fleet.Transport.Etcd;

namespace Fleet.Transport.Tests.Etcd;

/// <summary>
/// Every etcd request the real fleetctl made (tests/fleet-reference/etcd, the sections
/// <c>--- etcd requests ---</c>), made again through the client: the request line, content type
/// and body must be the same bytes. Each recorded request is read back into an operation with
/// .NET's own URL decoding, so the test checks our encoding against Go's, not against itself.
/// </summary>
public sealed class EtcdReferenceRequestTests
{
    private static readonly string Folder = ReferenceData.Folder("etcd", "FLEET_ETCD_REFERENCE");

    private static IEnumerable<string> StepFiles() =>
        Directory.GetFiles(Folder, "*.txt").Order(StringComparer.Ordinal).Where(file => Recorded(file).Count > 0);

    public static TheoryData<string> Steps() => [.. StepFiles().Select(file => Path.GetFileName(file))];

    [Fact]
    public void The_reference_has_recorded_requests_of_every_method()
    {
        var all = StepFiles().SelectMany(Recorded).ToList();

        Assert.True(all.Count > 100, $"only {all.Count} recorded requests");
        Assert.Equal(["DELETE", "GET", "PUT"], all.Select(line => line[..line.IndexOf(' ', StringComparison.Ordinal)]).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task The_requests_of_a_step_are_sent_byte_for_byte_as_fleetctl_sent_them(string step)
    {
        var expected = Recorded(Path.Combine(Folder, step));
        await using var server = new ScriptedServer(expected.Select(_ => (byte[]?)EtcdAnswerBytes.Node()).ToList());
        await using var client = EtcdKeysClient.Create($"http://127.0.0.1:{server.Port}").Right();

        foreach (var line in expected) (await Replay(client, line)).Right();

        Assert.Equal(expected, server.Requests.Select(AsRecorded));
    }

    // "METHOD URI  [CONTENT-TYPE] BODY  -> STATUS", the status left off.
    private static List<string> Recorded(string file)
    {
        var lines = File.ReadAllLines(file);
        var start = Array.IndexOf(lines, "--- etcd requests ---");
        if (start < 0) return [];
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("--- ", StringComparison.Ordinal))
            .Select(l => l[..l.LastIndexOf("  -> ", StringComparison.Ordinal)]).ToList();
    }

    private static string AsRecorded(string request)
    {
        var head = request[..request.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        var body = request[(request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var requestLine = head[0][..head[0].LastIndexOf(' ')];
        var type = head.FirstOrDefault(h => h.StartsWith("Content-Type: ", StringComparison.OrdinalIgnoreCase))?[14..];
        return type is null && body.Length == 0 ? requestLine : $"{requestLine}  [{type}] {body}";
    }

    private static Task<LanguageExt.Either<Core.APIError, EtcdResponse>> Replay(EtcdKeysClient client, string line)
    {
        var method = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        var uri = line[(method.Length + 1)..].Split("  ")[0];
        var path = uri.Split('?')[0];
        var query = HttpUtility.ParseQueryString(uri.Contains('?', StringComparison.Ordinal) ? uri[(uri.IndexOf('?', StringComparison.Ordinal) + 1)..] : "");
        Assert.StartsWith("/v2/keys/", path);
        var key = Uri.UnescapeDataString(path["/v2/keys".Length..]);
        bool Flag(string name) => query[name] == "true";
        long? Index(string name) => query[name] is { } text ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

        switch (method)
        {
            case "GET":
                return client.GetAsync(key, new EtcdGetOptions { Recursive = Flag("recursive"), Sorted = Flag("sorted"), Quorum = Flag("quorum") });
            case "PUT":
                var form = HttpUtility.ParseQueryString(line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..], Encoding.UTF8);
                return client.SetAsync(key, form["value"]!, new EtcdSetOptions
                {
                    PrevExist = query["prevExist"] is { } exist ? exist == "true" : null,
                    PrevValue = query["prevValue"],
                    PrevIndex = Index("prevIndex"),
                    Ttl = form["ttl"] is { } ttl ? TimeSpan.FromSeconds(int.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture)) : null,
                });
            default:
                return client.DeleteAsync(key, new EtcdDeleteOptions { Recursive = Flag("recursive"), Dir = Flag("dir"), PrevValue = query["prevValue"], PrevIndex = Index("prevIndex") });
        }
    }
}
