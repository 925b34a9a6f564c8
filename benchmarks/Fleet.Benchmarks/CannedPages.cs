using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fleet.Benchmarks;

/// <summary>
/// fleet's answers to the listings of a cluster of N launched units on three machines, rendered
/// once, whole, as fleet v1.0.0 sends them: pages of 100, each body one chunk of a chunked answer
/// (fleet writes a marshalled page in one call), fields in Go's order, the last page without a
/// nextPageToken. Tokens are "pN"; fleet's are opaque to its clients too.
/// </summary>
internal sealed class CannedPages
{
    public const int PageSize = 100;

    private static readonly string[] MachineIds = ["222f532fc7580e18ebfca1f8614c8086", "7d6b720dcb47f5ecaabc6955293ad1b6", "9a805ebde048c3f6e34bd2c4b3f89a2c"];

    private readonly byte[][] unitPages;
    private readonly byte[][] statePages;

    public CannedPages(int units)
    {
        unitPages = Render(units, "units", WriteUnit);
        statePages = Render(units, "states", WriteState);
        Machines = Answer(Json(writer =>
        {
            writer.WriteStartArray("machines");
            for (var m = 0; m < MachineIds.Length; m++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", MachineIds[m]);
                writer.WriteStartObject("metadata");
                writer.WriteEndObject();
                writer.WriteString("primaryIP", $"172.17.8.{101 + m}");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }));
    }

    public byte[] Machines { get; }

    /// <summary>The answer to a GET of the units or states listing, or null for any other target.</summary>
    public byte[]? For(ReadOnlySpan<byte> target)
    {
        var query = target.IndexOf((byte)'?');
        var path = query < 0 ? target : target[..query];
        var pages = path.SequenceEqual("/fleet/v1/units"u8) ? unitPages
            : path.SequenceEqual("/fleet/v1/state"u8) ? statePages
            : path.SequenceEqual("/fleet/v1/machines"u8) ? [Machines]
            : null;
        if (pages is null) return null;
        var page = 0;
        if (query >= 0)
        {
            // nextPageToken=pN among whatever else the client sends (fleetctl adds alt=json).
            var at = target[query..].IndexOf("nextPageToken=p"u8);
            if (at >= 0)
            {
                var digits = target[(query + at + "nextPageToken=p"u8.Length)..];
                var end = digits.IndexOf((byte)'&');
                if (!System.Buffers.Text.Utf8Parser.TryParse(end < 0 ? digits : digits[..end], out page, out _)) page = -1;
            }
        }
        return (uint)page < (uint)pages.Length ? pages[page] : null;
    }

    private static byte[][] Render(int count, string collection, Action<Utf8JsonWriter, int> item)
    {
        var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
        var rendered = new byte[pages][];
        for (var p = 0; p < pages; p++)
        {
            rendered[p] = Answer(Json(writer =>
            {
                if (p + 1 < pages) writer.WriteString("nextPageToken", $"p{p + 1}");
                writer.WriteStartArray(collection);
                for (var i = p * PageSize; i < Math.Min(count, (p + 1) * PageSize); i++) item(writer, i);
                writer.WriteEndArray();
            }));
        }
        return rendered;
    }

    private static void WriteUnit(Utf8JsonWriter writer, int i)
    {
        writer.WriteStartObject();
        writer.WriteString("currentState", "launched");
        writer.WriteString("desiredState", "launched");
        writer.WriteString("machineID", MachineIds[i % MachineIds.Length]);
        writer.WriteString("name", Name(i));
        writer.WriteStartArray("options");
        Option(writer, "Description", "Unit", $"Worker {i}");
        Option(writer, "ExecStart", "Service", $"/usr/bin/docker run --rm --name worker-{i} busybox sleep infinity");
        Option(writer, "Restart", "Service", "always");
        Option(writer, "Conflicts", "X-Fleet", "worker-*.service");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Option(Utf8JsonWriter writer, string name, string section, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("section", section);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }

    private static void WriteState(Utf8JsonWriter writer, int i)
    {
        writer.WriteStartObject();
        writer.WriteString("hash", Convert.ToHexStringLower(BitConverter.GetBytes((ulong)i * 0x9E3779B97F4A7C15UL)) + "0123456789abcdef01234567");
        writer.WriteString("machineID", MachineIds[i % MachineIds.Length]);
        writer.WriteString("name", Name(i));
        writer.WriteString("systemdActiveState", "active");
        writer.WriteString("systemdLoadState", "loaded");
        writer.WriteString("systemdSubState", "running");
        writer.WriteEndObject();
    }

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"worker-{i:D5}.service");

    private static byte[] Json(Action<Utf8JsonWriter> fields)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Answer(byte[] body)
    {
        var head = Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nServer: fleetd/v1.0.0\r\nDate: Mon, 23 Nov 2026 00:02:29 GMT\r\n" +
            $"Transfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n");
        return [.. head, .. body, .. "\r\n0\r\n\r\n"u8];
    }
}
