using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Fleet.Cli.Output;

/// <summary>
/// <c>--debug</c>'s log: one line per HTTP exchange on standard error, timestamped as fleetctl's
/// log lines are (<c>2006-01-02 15:04:05.000000 DEBUG ...</c>). Bodies are logged at Trace by the
/// transport and left out here: unit files can hold secrets in <c>Environment=</c> lines.
/// </summary>
internal sealed class DebugLog(TextWriter stderr, TimeProvider time) : ILogger
{
    private readonly Lock gate = new();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        ArgumentNullException.ThrowIfNull(formatter);
        var stamp = time.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        var level = logLevel == LogLevel.Debug ? "DEBUG" : logLevel.ToString().ToUpperInvariant();
        // Connections log from several threads; keep each line whole.
        lock (gate) stderr.Write($"{stamp} {level} {formatter(state, exception)}\n");
    }
}
