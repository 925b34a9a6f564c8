using Microsoft.AspNetCore.Http;

namespace Fleet.Simulator.Api;

/// <summary>fleet's <c>sendResponse</c> and <c>sendError</c> (its api/serialization.go), and reading a request body.</summary>
internal static class FleetAnswers
{
    private const int ChunkAbove = 2048;

    public static Task ErrorAsync(HttpContext context, int code, string message) => SendAsync(context, code, FleetJson.Error(code, message));

    // Go's server sends a body of up to 2048 bytes with Content-Length and a longer one chunked,
    // in one chunk, since fleet writes it in one call.
    public static async Task SendAsync(HttpContext context, int code, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = code;
        response.ContentType = "application/json";
        if (body.Length <= ChunkAbove) response.ContentLength = body.Length;
        if (context.Request.Method == "HEAD") return;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
