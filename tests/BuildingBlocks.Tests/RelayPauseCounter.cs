using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>Counts the outbox relay's warnings: each is an attempt to publish that the broker did not confirm.</summary>
public sealed class RelayPauseCounter : ILoggerProvider
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public ILogger CreateLogger(string categoryName) =>
        categoryName.EndsWith(".OutboxRelay", StringComparison.Ordinal) ? new Relay(this) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Relay(RelayPauseCounter counter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref counter.count);
            }
        }
    }
}
