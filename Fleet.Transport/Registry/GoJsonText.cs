using Fleet.Core.Text;

namespace Fleet.Transport.Registry;

/// <summary>
/// The registry values fleetctl writes, as Go's <c>encoding/json</c> writes them
/// (<see cref="GoJsonWriter"/>): the same bytes, so a key written here equals the one fleet writes.
/// </summary>
internal static class GoJsonText
{
    /// <summary><c>{"Raw":"..."}</c>: a unit file's value under <c>unit/HASH</c>.</summary>
    public static string UnitModel(string raw) =>
        new GoJsonWriter().BeginObject().Name("Raw").String(raw).EndObject().ToString();

    /// <summary><c>{"Name":"...","UnitHash":[20 numbers]}</c>: a unit's value under <c>job/NAME/object</c>.</summary>
    public static string JobModel(string name, ReadOnlySpan<byte> hash)
    {
        var json = new GoJsonWriter().BeginObject().Name("Name").String(name).Name("UnitHash").BeginArray();
        foreach (var b in hash) json.Number(b);
        return json.EndArray().EndObject().ToString();
    }
}
