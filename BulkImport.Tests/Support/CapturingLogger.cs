using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BulkImport.Tests.Support;

/// <summary>The logger of <see cref="CapturingLoggerProvider"/>: writes each entry, with its structured values and exception, as one text.</summary>
public sealed class CapturingLogger(string category, ConcurrentQueue<string> entries) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        entries.Enqueue($"{category} scope: {state}");
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
    }
}
