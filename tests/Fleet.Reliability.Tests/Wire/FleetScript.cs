
namespace Fleet.Reliability.Tests.Wire;

/// <summary>Scripts for a <see cref="RawServer"/> that stands in for fleet.</summary>
internal static class FleetScript
{
    /// <summary>Answers fleet's discovery request as fleet does (a client checks it on connecting) and hands every other request to <paramref name="script"/>.</summary>
    public static Func<RawConnection, RawRequest, Task> WithDiscovery(Func<RawConnection, RawRequest, Task> script) =>
        (connection, request) => request.Target.EndsWith("/fleet/v1/discovery", StringComparison.Ordinal)
            ? connection.WriteAsync(FleetWire.Discovery)
            : script(connection, request);

    /// <summary>The unit name in a request for <c>/fleet/v1/units/NAME</c> or <c>/fleet/v1/state/NAME</c>, or the unitName filter of a state list.</summary>
    public static string UnitOf(RawRequest request)
    {
        var target = RequestTarget.Parse(request.Target);
        return target.FirstValues.TryGetValue("unitName", out var name) ? name : target.LastSegment;
    }
}
