using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fleet.Transport.Tests.Etcd;

/// <summary>Scripted answers for members that misbehave, and addresses where nothing listens.</summary>
internal static class EtcdAnswerBytes
{
    /// <summary>A well-formed etcd answer for <paramref name="key"/>.</summary>
    public static byte[] Node(string key = "/x", string value = "v", int status = 200, string action = "get") =>
        Json(status, $"{{\"action\":\"{action}\",\"node\":{{\"key\":\"{key}\",\"value\":\"{value}\",\"modifiedIndex\":7,\"createdIndex\":7}}}}");

    public static byte[] Json(int status, string json) => Answer(status, "application/json", json, "X-Etcd-Index: 7\r\n");

    public static byte[] Answer(int status, string? contentType, string body, string extraHeaders = "")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var type = contentType is null ? "" : $"Content-Type: {contentType}\r\n";
        return Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} Status\r\n{type}{extraHeaders}Content-Length: {bytes.Length}\r\n\r\n")).Concat(bytes).ToArray();
    }

    public static byte[] Redirect(string location, int status = 307) =>
        Encoding.Latin1.GetBytes($"HTTP/1.1 {status} Temporary Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n");

    /// <summary>The URL of a loopback port that was just free: connecting there is refused.</summary>
    public static string DeadUrl()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}";
    }

    public static string Url(ScriptedServer server) => $"http://127.0.0.1:{server.Port}";
}
