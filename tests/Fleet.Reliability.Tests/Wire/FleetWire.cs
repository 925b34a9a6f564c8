using System.Globalization;
using System.Text;

namespace Fleet.Reliability.Tests.Wire;

/// <summary>
/// Answers as fleet v1.0.0 puts them on the wire (Go's net/http: Content-Type, Server, Date, then
/// Content-Length, or Transfer-Encoding: chunked for bodies over 2048 bytes), for scripts of a
/// <see cref="RawServer"/> to send whole or mangle.
/// </summary>
internal static class FleetWire
{
    private const string Server = "Server: fleetd/v1.0.0\r\nDate: Mon, 23 Nov 2026 00:02:29 GMT\r\n";

    /// <summary>fleet's discovery document, as far as the client reads it.</summary>
    public static readonly byte[] Discovery = Json(200, "{\"discoveryVersion\":\"v1\",\"id\":\"fleet:v1\",\"kind\":\"discovery#restDescription\",\"name\":\"fleet\",\"version\":\"v1\"}");

    /// <summary>A JSON answer with its length, or chunked in pieces of <paramref name="chunkBytes"/> (one chunk when 0).</summary>
    public static byte[] Json(int status, string json, bool chunked = false, int chunkBytes = 0)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: application/json\r\n{Server}";
        if (!chunked) return [.. Encoding.ASCII.GetBytes(head + $"Content-Length: {body.Length}\r\n\r\n"), .. body];
        var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes(head + "Transfer-Encoding: chunked\r\n\r\n"));
        var size = chunkBytes <= 0 ? body.Length : chunkBytes;
        for (var offset = 0; offset < body.Length; offset += size)
        {
            var length = Math.Min(size, body.Length - offset);
            output.Write(Encoding.ASCII.GetBytes(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.Write(body, offset, length);
            output.Write("\r\n"u8);
        }
        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }

    /// <summary>fleet's error entity with its code.</summary>
    public static byte[] Error(int status, string message) =>
        Json(status, $"{{\"error\":{{\"code\":{status},\"message\":\"{message}\"}}}}");

    /// <summary>201 Created, as fleet answers a PUT that created or replaced a unit.</summary>
    public static byte[] Created() => Encoding.ASCII.GetBytes($"HTTP/1.1 201 Created\r\n{Server}Content-Length: 0\r\n\r\n");

    /// <summary>204 No Content, as fleet answers a DELETE, a PATCH, or a PUT that changed only a desired state.</summary>
    public static byte[] NoContent() => Encoding.ASCII.GetBytes($"HTTP/1.1 204 No Content\r\n{Server}\r\n");

    /// <summary>A unit entity as fleet writes it (keys in Go's order).</summary>
    public static string UnitJson(string name, string machineId, params (string Section, string Name, string Value)[] options) =>
        $"{{\"currentState\":\"launched\",\"desiredState\":\"launched\",\"machineID\":\"{machineId}\",\"name\":\"{name}\",\"options\":[" +
        string.Join(',', options.Select(o => $"{{\"name\":\"{o.Name}\",\"section\":\"{o.Section}\",\"value\":\"{o.Value}\"}}")) + "]}";

    /// <summary>A unit state as fleet writes it.</summary>
    public static string StateJson(string name, string machineId) =>
        $"{{\"hash\":\"e55c0aeb44ba0b68004ceb8a200e685194448b45\",\"machineID\":\"{machineId}\",\"name\":\"{name}\",\"systemdActiveState\":\"active\",\"systemdLoadState\":\"loaded\",\"systemdSubState\":\"running\"}}";

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        409 => "Conflict",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
