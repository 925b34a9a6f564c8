using System.Text;
using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>Which fleet exchange a hostile case mangles: each is a request the client makes and fleet's answer to it.</summary>
internal enum CaseKind
{
    /// <summary>GET units/NAME, answered 200 with the unit (Content-Length).</summary>
    Unit,

    /// <summary>GET units/NAME, answered 200 with a large unit (chunked, as fleet sends bodies over 2048 bytes).</summary>
    LargeUnit,

    /// <summary>GET state?unitName=NAME, answered 200 with a page of two states.</summary>
    States,

    /// <summary>GET units/NAME, answered 404 with fleet's error entity.</summary>
    Missing,

    /// <summary>PUT units/NAME with options, answered 201 Created with Content-Length 0.</summary>
    Created,

    /// <summary>DELETE units/NAME, answered 204 No Content.</summary>
    Destroyed,
}

/// <summary>fleet's answers for each kind of case, about one unit.</summary>
internal static class BaseAnswers
{
    public const string MachineA = "222f532fc7580e18ebfca1f8614c8086";
    public const string MachineB = "7d6b720dcb47f5ecaabc6955293ad1b6";

    public static Answer For(CaseKind kind, string name, int chunkBytes) => kind switch
    {
        CaseKind.Unit => Answer.Json("HTTP/1.1 200 OK", FleetWire.UnitJson(name, MachineA, ("Unit", "Description", "Hostile case"), ("Service", "ExecStart", "/bin/true"))),
        CaseKind.LargeUnit => Answer.Json("HTTP/1.1 200 OK", LargeUnitJson(name), chunked: true, chunkBytes),
        CaseKind.States => Answer.Json("HTTP/1.1 200 OK", $"{{\"states\":[{FleetWire.StateJson(name, MachineA)},{FleetWire.StateJson(name, MachineB)}]}}"),
        CaseKind.Missing => Answer.Json("HTTP/1.1 404 Not Found", "{\"error\":{\"code\":404,\"message\":\"unit does not exist\"}}"),
        CaseKind.Created => Answer.Empty("HTTP/1.1 201 Created", withLength: true),
        _ => Answer.Empty("HTTP/1.1 204 No Content", withLength: false),
    };

    // About 3 KB: over Go's 2048-byte buffer, so fleet would chunk it.
    private static string LargeUnitJson(string name)
    {
        var options = Enumerable.Range(0, 40).Select(i => ("Service", "Environment", $"VALUE{i}=abcdefghijklmnopqrstuvwxyz0123456789")).ToArray();
        return FleetWire.UnitJson(name, MachineB, [("Service", "ExecStart", "/bin/true"), .. options]);
    }

    /// <summary>The body bytes of the unmutated answer, for comparing what a mutated one decoded to.</summary>
    public static byte[] Body(CaseKind kind, string name) => For(kind, name, 0).Body;

    /// <summary>Bodies fleet never sends but a broken or hostile server might, each with a label for counter-examples.</summary>
    public static readonly (string Label, byte[] Bytes)[] AdversarialBodies =
    [
        ("null", "null"u8.ToArray()),
        ("empty object", "{}"u8.ToArray()),
        ("array", "[]"u8.ToArray()),
        ("string", "\"unit\""u8.ToArray()),
        ("unfinished", "{\"name\":"u8.ToArray()),
        ("null name", "{\"name\":null,\"options\":[]}"u8.ToArray()),
        ("number name", "{\"name\":7}"u8.ToArray()),
        ("null options", "{\"name\":\"x.service\",\"options\":null}"u8.ToArray()),
        ("null option", "{\"name\":\"x.service\",\"options\":[null]}"u8.ToArray()),
        ("option without section", "{\"name\":\"x.service\",\"options\":[{\"name\":\"a\",\"value\":\"b\"}]}"u8.ToArray()),
        ("option with null value", "{\"name\":\"x.service\",\"options\":[{\"section\":\"S\",\"name\":\"a\",\"value\":null}]}"u8.ToArray()),
        ("unknown desired state", "{\"name\":\"x.service\",\"desiredState\":\"sideways\"}"u8.ToArray()),
        ("numeric desired state", "{\"name\":\"x.service\",\"desiredState\":2}"u8.ToArray()),
        ("null states", "{\"states\":null}"u8.ToArray()),
        ("null state", "{\"states\":[null]}"u8.ToArray()),
        ("state without name", "{\"states\":[{\"hash\":\"x\"}]}"u8.ToArray()),
        ("state with null name", "{\"states\":[{\"name\":null}]}"u8.ToArray()),
        ("endless page token", "{\"states\":[],\"nextPageToken\":\"AQACAA==\"}"u8.ToArray()),
        ("null error", "{\"error\":null}"u8.ToArray()),
        ("error with text code", "{\"error\":{\"code\":\"x\",\"message\":\"m\"}}"u8.ToArray()),
        ("error without message", "{\"error\":{\"code\":404}}"u8.ToArray()),
        ("duplicate keys", "{\"name\":\"a.service\",\"name\":\"b.service\"}"u8.ToArray()),
        ("lone surrogate", "{\"name\":\"\\ud800.service\"}"u8.ToArray()),
        ("invalid UTF-8", [.. "{\"name\":\""u8, 0xC3, 0x28, 0xFF, .. ".service\"}"u8]),
        ("byte order mark", [0xEF, 0xBB, 0xBF, .. "{\"name\":\"x.service\"}"u8]),
        ("deep nesting", Encoding.ASCII.GetBytes(new string('[', 60_000))),
        ("huge number", Encoding.ASCII.GetBytes("{\"name\":\"x.service\",\"n\":1" + new string('0', 5000) + "}")),
        ("long string", Encoding.ASCII.GetBytes("{\"name\":\"" + new string('x', 50_000) + ".service\"}")),
    ];
}
