using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Simulator.Tests.Server;

/// <summary>
/// A plain HttpClient aimed at a FleetServer over TCP or its unix socket: the tests' own HTTP
/// stack, independent of the server's and of Fleet.Transport.
/// </summary>
internal sealed class FleetHttp : IDisposable
{
    private readonly HttpClient client;

    private FleetHttp(HttpClient client) => this.client = client;

    public static FleetHttp Tcp(FleetServer server) =>
        new(new HttpClient { BaseAddress = new Uri($"http://{server.TcpEndPoint}/"), Timeout = TimeSpan.FromSeconds(30) });

    public static FleetHttp Unix(string socketPath)
    {
        var client = UnixClient(socketPath);
        client.BaseAddress = new Uri("http://domain-sock/");
        client.Timeout = TimeSpan.FromSeconds(30);
        return new(client);
    }

    /// <summary>A plain HttpClient whose every connection goes to the unix socket at <paramref name="socketPath"/>.</summary>
    public static HttpClient UnixClient(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    public HttpClient Client => client;

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string target, string? json = null)
    {
        using var request = new HttpRequestMessage(method, target);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string target) => SendAsync(HttpMethod.Get, target);

    /// <summary>PUTs a unit the way fleetctl does: name, desired state and options.</summary>
    public Task<(HttpStatusCode Status, JsonNode? Body)> PutUnitAsync(string name, string desiredState, params (string Section, string Name, string Value)[] options) =>
        SendAsync(HttpMethod.Put, $"fleet/v1/units/{Uri.EscapeDataString(name)}", UnitJson(name, desiredState, options));

    public Task<(HttpStatusCode Status, JsonNode? Body)> SetStateAsync(string name, string desiredState) =>
        SendAsync(HttpMethod.Put, $"fleet/v1/units/{Uri.EscapeDataString(name)}", JsonSerializer.Serialize(new { desiredState }));

    /// <summary>Every item of a paginated list, following nextPageToken, with the number of pages read.</summary>
    public async Task<(List<JsonNode> Items, int Pages)> ListAllAsync(string resource, string property)
    {
        var items = new List<JsonNode>();
        var pages = 0;
        string? token = null;
        do
        {
            var (status, body) = await GetAsync(token is null ? resource : $"{resource}?nextPageToken={Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.OK, status);
            pages++;
            if (body?[property] is JsonArray page) items.AddRange(page.Select(n => n!));
            token = body?["nextPageToken"]?.GetValue<string>();
        }
        while (token is not null);
        return (items, pages);
    }

    public static string UnitJson(string? name, string desiredState, params (string Section, string Name, string Value)[] options)
    {
        var body = new JsonObject { ["desiredState"] = desiredState };
        if (name is not null) body["name"] = name;
        body["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["section"] = o.Section, ["name"] = o.Name, ["value"] = o.Value })]);
        return body.ToJsonString();
    }

    public void Dispose() => client.Dispose();
}
