using System.Collections.Concurrent;
using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>
/// A raw server that answers each request with the hostile case registered for the unit it
/// names (in its path, or its unitName filter), so cases can run concurrently over one client
/// and each request still meets its own answer. Discovery is answered as fleet does.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, After After)> cases = new();
    private int lastId;

    public HostileServer() => Raw = new RawServer(FleetScript.WithDiscovery(AnswerAsync));

    public RawServer Raw { get; }

    /// <summary>Registers a case under a new unit name and returns the name and the bytes it will be answered with.</summary>
    public (string Name, byte[] Served) Add(HostileCase hostile)
    {
        var name = HostileCase.UnitName(Interlocked.Increment(ref lastId));
        var bytes = hostile.Render(name);
        cases[name] = (bytes, hostile.After);
        return (name, bytes);
    }

    /// <summary>Forgets a case once its request has ended.</summary>
    public void Remove(string name) => cases.TryRemove(name, out _);

    private async Task AnswerAsync(RawConnection connection, RawRequest request)
    {
        if (!cases.TryGetValue(FleetScript.UnitOf(request), out var hostile))
        {
            await connection.WriteAsync(FleetWire.Error(404, "no such case"));
            return;
        }
        await connection.WriteAsync(hostile.Bytes);
        switch (hostile.After)
        {
            case After.Close:
                connection.Close();
                break;
            case After.HalfClose:
                connection.HalfClose();
                break;
            case After.Reset:
                connection.Reset();
                break;
        }
    }

    public ValueTask DisposeAsync() => Raw.DisposeAsync();
}
