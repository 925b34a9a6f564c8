using Microsoft.AspNetCore.Http;
using static Fleet.Simulator.Api.FleetAnswers;

namespace Fleet.Simulator.Api;

/// <summary><c>/discovery</c>: fleet's discovery document, byte for byte as fleetd serves it (its api/discovery.go).</summary>
internal static class DiscoveryResource
{
    private static readonly byte[] Discovery = LoadDiscovery();

    public static Task HandleAsync(HttpContext context) =>
        context.Request.Method != "GET"
            ? ErrorAsync(context, 400, "only HTTP GET supported against this resource")
            : SendAsync(context, 200, Discovery);

    private static byte[] LoadDiscovery()
    {
        using var stream = typeof(DiscoveryResource).Assembly.GetManifestResourceStream("Fleet.Simulator.discovery.json")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
