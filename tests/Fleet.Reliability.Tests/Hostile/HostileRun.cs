using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Fleet.Reliability.Tests.Wire;
using Fleet.Transport;
using Microsoft.FSharp.Core;

namespace Fleet.Reliability.Tests.Hostile;

/// <summary>
/// Runs hostile cases through one client against one <see cref="HostileServer"/>: FsCheck
/// generates them from a fixed seed (the same cases every run), they run concurrently, each
/// within the suite's hang deadline, and a failing one is shrunk and shown.
/// </summary>
internal sealed class HostileRun(HostileServer server)
{
    /// <summary>The limits the client is configured with: small, so hostile answers cross them.</summary>
    public static readonly HttpLimits Limits = new() { MaxHeaderBytes = 16 * 1024, MaxLineBytes = 4096, MaxHeaderCount = 60, MaxBodyBytes = 64 * 1024 };

    /// <summary>The client's deadline for a complete answer.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Connections the client may open, and so cases in flight at once.</summary>
    public const int Connections = 32;

    // Odd, as FsCheck's generator requires of a gamma.
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    private readonly SemaphoreSlim inFlight = new(Connections);
    private long longestTicks;

    public static FleetClientOptions Options => new()
    {
        Transport = HttpTransportOptions.Default with { RequestTimeout = RequestTimeout, Limits = Limits, MaxConnections = Connections },
    };

    public Tally Tally { get; } = new();

    /// <summary>
    /// Connects with the run's options. Connecting is not under test here, and on a starved
    /// machine the first answer (discovery, with the code still being compiled) can take longer
    /// than the run's short timeout: it is asked for again until it comes.
    /// </summary>
    public static async Task<FleetClient> ConnectAsync(HostileServer server)
    {
        var until = DateTime.UtcNow + Poll.Deadline;
        while (true)
        {
            var connected = await FleetClient.ConnectAsync(server.Raw.Endpoint, Options);
            if (connected.IsRight || DateTime.UtcNow > until) return connected.Right();
        }
    }

    /// <summary>The longest any one case took, from its request to its outcome.</summary>
    public TimeSpan Longest => TimeSpan.FromTicks(Interlocked.Read(ref longestTicks));

    /// <summary>Checks <paramref name="count"/> cases generated from <paramref name="seed"/>; the check gets each case's unit name and the bytes it is answered with.</summary>
    public Task CheckAsync(int count, ulong seed, Func<HostileCase, string, byte[], Task> check) => Task.Run(() =>
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(count)
            .WithQuietOnSuccess(true)
            .WithParallelRunConfig(FSharpOption<ParallelRunConfig>.Some(new ParallelRunConfig(Environment.ProcessorCount)))
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, Gamma), FSharpOption<int>.None)));
        Prop.ForAll(HostileArbitraries.Cases(), hostile => RunAsync(hostile, check)).Check(config);
    });

    private async Task RunAsync(HostileCase hostile, Func<HostileCase, string, byte[], Task> check)
    {
        // Cases queue here, not in the pool, so the hang deadline counts only the exchange.
        await inFlight.WaitAsync();
        var (name, served) = server.Add(hostile);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await Poll.EndsAsync(check(hostile, name, served), $"the request of {hostile}");
            var ticks = Stopwatch.GetElapsedTime(started).Ticks;
            long seen;
            while (ticks > (seen = Interlocked.Read(ref longestTicks)) && Interlocked.CompareExchange(ref longestTicks, ticks, seen) != seen)
            {
            }
        }
        finally
        {
            server.Remove(name);
            inFlight.Release();
        }
    }
}
