using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fenghuo.Summaries.Tests;

/// <summary>The service's log lines at Warning and above, each with the scopes it was written in, as an operator's log store keeps them.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message, string Scopes)> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<(LogLevel Level, string Message, string Scopes)> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var within = new List<string>();
            logs.scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), within);
            logs.lines.Enqueue((logLevel, formatter(state, exception), string.Join(" => ", within)));
        }
    }
}
