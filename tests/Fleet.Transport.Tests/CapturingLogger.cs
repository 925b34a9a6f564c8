using Microsoft.Extensions.Logging;

namespace Fleet.Transport.Tests;

internal sealed class CapturingLogger(LogLevel minimum) : ILogger
{
    public List<(LogLevel Level, string Message)> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        lock (Lines) Lines.Add((logLevel, formatter(state, exception)));
    }
}
