using System.Text.Json;
using Fleet.Core;
using Fleet.Transport.Connections;
using Fleet.Transport.Http;
using FsCheck.Xunit;
using LanguageExt;

namespace Fleet.Transport.Tests.Http;

/// <summary>One Kestrel for the class: an independent HTTP parser that reports what it read.</summary>
public sealed class KestrelFixture : IAsyncLifetime
{
    internal TestFleetServer Server { get; private set; } = null!;

    internal ConnectionPool Pool { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestFleetServer.TcpAsync();
        Pool = new ConnectionPool(SocketConnector.Tcp("127.0.0.1", Server.Port));
    }

    public async Task DisposeAsync()
    {
        await Pool.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>Requests this client writes are read by Kestrel exactly as they were meant.</summary>
public sealed class WrittenRequestProperties(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    [Property(Arbitrary = new[] { typeof(RequestArbitraries) }, MaxTest = 200)]
    public async Task Kestrel_reads_what_was_meant(GeneratedRequest generated)
    {
        var request = new HttpRequest(generated.Method, generated.Target, "fleet.example:4002", generated.Body);
        var echoed = Assert.Single((await kestrel.Pool.SendAsync(request, Echoed, default)).RightToSeq());
        Assert.Equal(new EchoedRequest(
            generated.Method, generated.Target, "fleet.example:4002", RequestWriter.UserAgent, "application/json",
            generated.Body is null ? null : "application/json", generated.Body?.Length, echoed.Body), echoed);
        Assert.Equal(generated.Body ?? [], echoed.Body);
    }

    private static Either<APIError, EchoedRequest> Echoed(HttpResponse response)
    {
        if (response.StatusCode != 200) return APIError.Http(response.StatusCode, "not echoed");
        var reader = new Utf8JsonReader(response.Body);
        return JsonSerializer.Deserialize<EchoedRequest>(ref reader, JsonSerializerOptions.Web)!;
    }
}
