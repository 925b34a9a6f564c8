namespace Fleet.Reliability.Tests.Wire;

/// <summary>Waiting for something the test cannot be told about: checked again and again until a deadline, never a fixed sleep.</summary>
internal static class Poll
{
    /// <summary>How long any condition in this suite may take to come true before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"not true within {Deadline.TotalSeconds} s: {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>
    /// As <see cref="UntilAsync"/>, but the condition must still hold at the next check: for
    /// kernel states (a FIN or bytes received) that the client's own reads learn of a moment later.
    /// </summary>
    public static async Task UntilSettledAsync(Func<bool> condition, string what)
    {
        await UntilAsync(condition, what);
        await Task.Delay(5);
        await UntilAsync(condition, what);
    }

    /// <summary>A task that must end: one still running at the deadline is a hang, and fails the test.</summary>
    public static async Task<T> EndsAsync<T>(Task<T> task, string what)
    {
        await EndsAsync((Task)task, what);
        return await task;
    }

    /// <summary>As <see cref="EndsAsync{T}(Task{T}, string)"/>, for a task with no result.</summary>
    public static async Task EndsAsync(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Deadline);
        }
        // The facade's own timeout is a TimeoutException too: only a task still running is a hang.
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new Xunit.Sdk.XunitException($"hung: {what} did not end within {Deadline.TotalSeconds} s");
        }
    }
}
