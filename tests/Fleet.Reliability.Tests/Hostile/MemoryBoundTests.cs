using Fleet.Core;
using Fleet.Reliability.Tests.Wire;
using Fleet.Transport;
using Xunit.Abstractions;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>
/// A server that offers without end (lengths that lie, endless chunks, headers, lines, trailers,
/// bodies until a close that never comes): the client reads no more than its configured limits
/// allow, ends the request with a Protocol error, and allocates within a bound derived from those
/// limits, however much was offered. Allocation is counted for the whole process around the one
/// request, so these run alone.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class MemoryBoundTests(ITestOutputHelper output)
{
    public static TheoryData<Flood, int, int> Cases()
    {
        var cases = new TheoryData<Flood, int, int>();
        foreach (var flood in Enum.GetValues<Flood>())
        {
            foreach (var (header, body) in new[] { (8 * 1024, 64 * 1024), (16 * 1024, 256 * 1024), (64 * 1024, 1024 * 1024) }) cases.Add(flood, header, body);
        }
        return cases;
    }

    /// <summary>What the client may buffer under these limits (a head, trailers as long, and the body), twice over, and 512 KiB for the request's own bookkeeping.</summary>
    public static long Bound(HttpLimits limits) => 2 * (2L * limits.MaxHeaderBytes + limits.MaxBodyBytes) + 512 * 1024;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_flood_is_cut_off_at_the_configured_limits_and_allocates_within_a_bound_derived_from_them(Flood flood, int headerLimit, int bodyLimit)
    {
        var limits = new HttpLimits { MaxHeaderBytes = headerLimit, MaxLineBytes = Math.Min(8 * 1024, headerLimit), MaxBodyBytes = bodyLimit };
        var offered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plan = Floods.Plan(flood, bodyLimit);
        await using var server = new RawServer(FleetScript.WithDiscovery(async (connection, _) => offered.TrySetResult(await Floods.SendAsync(connection, plan))));
        await using var client = await Clients.ConnectAsync(server.Endpoint, new FleetClientOptions
        {
            Transport = HttpTransportOptions.Default with { Limits = limits, RequestTimeout = TimeSpan.FromSeconds(10) },
        });

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await Poll.EndsAsync(client.GetUnitAsync("flood.service"), $"a request met by {flood}");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var error = result.Left();
        output.WriteLine($"{flood} under head {headerLimit} B, body {bodyLimit} B: {error.Kind}: {error.Message}; allocated {allocated:N0} B (bound {Bound(limits):N0} B)");
        Assert.Equal(flood == Flood.LengthAtTheLimit ? ErrorKind.Decoding : ErrorKind.Protocol, error.Kind);
        Assert.InRange(allocated, 0, Bound(limits));
        // The client stopped reading: the server's endless offer ended when it went away.
        var sent = await Poll.EndsAsync(offered.Task, "the flood ending");
        if (flood is not (Flood.LengthAtTheLimit or Flood.LengthNeverMet)) Assert.True(sent < Floods.Cap, $"the client read on to the cap: {sent:N0} B");
    }
}
