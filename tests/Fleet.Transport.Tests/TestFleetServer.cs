using System.Net;
using System.Text.Json;
using Fleet.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Transport.Tests;

/// <summary>
/// Kestrel answering a few fleet-shaped routes, on a unix socket, TCP or TLS: a real HTTP stack
/// that shares no code with the client.
/// </summary>
public sealed record EchoedRequest(string Method, string Target, string Host, string UserAgent, string Accept, string? ContentType, long? ContentLength, byte[] Body);

internal sealed class TestFleetServer : IAsyncDisposable
{
    public static readonly FleetUnit Hello = new("hello.service", [new UnitOption("Service", "ExecStart", "/bin/echo <hello> & \u00e9")], DesiredState.Launched, DesiredState.Launched, "222f532fc7580e18ebfca1f8614c8086");

    private readonly WebApplication app;
    private readonly string? socketDirectory;

    private TestFleetServer(WebApplication app, string? socketDirectory)
    {
        this.app = app;
        this.socketDirectory = socketDirectory;
    }

    public string? SocketPath { get; private init; }

    public int Port { get; private set; }

    public static Task<TestFleetServer> UnixAsync()
    {
        var directory = Directory.CreateTempSubdirectory("fleet-sock-").FullName;
        var path = Path.Combine(directory, "fleet.sock");
        return StartAsync(kestrel => kestrel.ListenUnixSocket(path), directory, path);
    }

    public static Task<TestFleetServer> TcpAsync() => StartAsync(kestrel => kestrel.Listen(IPAddress.Loopback, 0), null, null);

    public static Task<TestFleetServer> TlsAsync(TestCertificates certificates, bool requireClientCertificate = false) =>
        StartAsync(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = certificates.Server;
            if (requireClientCertificate)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (certificate, _, _) => certificate.Subject == "CN=fleet client";
            }
        })), null, null);

    private static async Task<TestFleetServer> StartAsync(Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> listen, string? directory, string? socketPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(listen);
        var app = builder.Build();
        app.MapMethods("/fleet/v1/units/{name}", ["GET", "HEAD"], (string name) =>
            name == Hello.Name ? Results.Json(Hello) : Results.Json(new { error = new { code = 404, message = "unit does not exist" } }, statusCode: 404));
        app.MapGet("/echo/{text}", (string text, HttpContext context) => Results.Text($"{text} on {context.Connection.Id}"));
        app.MapGet("/big/{size:int}", (int size) => Results.Text(new string('x', size)));
        app.MapGet("/stall", async (CancellationToken aborted) => { await Task.Delay(Timeout.Infinite, aborted); return Results.Ok(); });
        app.MapMethods("/fleet/v1/machines", ["PATCH"], async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            return Results.Text(body.RootElement.GetRawText());
        });
        // What Kestrel's own parser made of a request, for the property that ours writes what it means.
        app.MapMethods("/req/{**rest}", ["GET", "PUT", "DELETE", "PATCH"], async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = context.Request;
            return Results.Json(new EchoedRequest(
                request.Method,
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget,
                request.Headers.Host.ToString(),
                request.Headers.UserAgent.ToString(),
                request.Headers.Accept.ToString(),
                request.ContentType,
                request.ContentLength,
                body.ToArray()));
        });
        await app.StartAsync();
        var server = new TestFleetServer(app, directory) { SocketPath = socketPath };
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        if (socketPath is null) server.Port = new Uri(address).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (socketDirectory is not null) Directory.Delete(socketDirectory, recursive: true);
    }
}
