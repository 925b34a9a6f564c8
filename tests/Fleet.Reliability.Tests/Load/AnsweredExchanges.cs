using Microsoft.Extensions.Logging;

namespace Fleet.Reliability.Tests.Load;

/// <summary>
/// Counts the exchanges the transport logs as answered with a 2xx status (its Debug line per
/// exchange, event 1): requests that went on the wire and came back successful, counted apart
/// from anything the callers count themselves. Nothing is formatted.
/// </summary>
internal sealed class AnsweredExchanges : ILogger
{
    private const int ExchangeEvent = 1;
    private int count;

    public int Count => Volatile.Read(ref count);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != ExchangeEvent || state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
        foreach (var (name, value) in values)
        {
            if (name == "Status" && value is int status && status is >= 200 and < 300) Interlocked.Increment(ref count);
        }
    }
}
