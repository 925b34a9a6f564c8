using Microsoft.Extensions.Logging;

namespace Fleet.Reliability.Tests.Security;

/// <summary>A logger that keeps every line it is given at or above its level, as a configured logging provider would.</summary>
internal sealed class CapturingLogger(LogLevel minimum) : ILogger, ILoggerFactory
{
    private readonly List<(LogLevel Level, string Message)> lines = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var message = formatter(state, exception) + (exception is null ? "" : " " + exception);
        lock (lines) lines.Add((logLevel, message));
    }

    // As a factory, it hands itself out for every category.
    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("a capturing factory has no providers");

    public void Dispose()
    {
    }
}
