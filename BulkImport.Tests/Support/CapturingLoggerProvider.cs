using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BulkImport.Tests.Support;

/// <summary>Keeps every log entry the app writes (message, scopes' state and exception text) so a test can search them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }
}
