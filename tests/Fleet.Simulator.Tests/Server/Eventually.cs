namespace Fleet.Simulator.Tests.Server;

/// <summary>Polls a condition until it holds or a deadline passes: how tests wait for the cluster's agents.</summary>
internal static class Eventually
{
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(15));
        var last = await read();
        while (!done(last))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{what} did not happen before the deadline; last seen: {last}");
            }
            last = await read();
        }
        return last;
    }
}
