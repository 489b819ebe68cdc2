using System.Collections.Concurrent;
using System.Diagnostics;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Telemetry;

namespace BulkImport.App.Instances;

/// <summary>
/// Turns this instance's progress snapshots into metrics and one trace span per stage (validation, commit): rows
/// validated and committed since the previous snapshot, and the stage's duration when it ends. Read from the feed the
/// screens use, so the figures are the ones a person sees, and no import code has to know about telemetry.
/// </summary>
public sealed class ProgressMetrics(ImportProgressFeed feed, ImportTelemetry telemetry) : IHostedService
{
    private readonly ConcurrentDictionary<int, Stage> _stages = new();
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.SubscribeOwn(Record);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Records one snapshot (public for the tests, which feed snapshots without running an import).</summary>
    public void Record(ImportProgress progress)
    {
        var name = StageOf(progress.Status);
        if (_stages.TryGetValue(progress.ImportId, out var current) && current.Name != name)
        {
            End(progress.ImportId, current, progress.Status);
            current = null;
        }

        if (name is null)
        {
            return;
        }

        // A validation reads its file from the first row (a takeover too), so its first snapshot's rows are counted; a
        // commit starts from the rows committed before it (a resumed or taken-over commit), which were counted there.
        current ??= _stages.GetOrAdd(progress.ImportId, id => new Stage(name, name == "validation" ? 0 : progress.ProcessedRows, Stopwatch.GetTimestamp(),
            ImportTelemetry.Activities.StartActivity($"{name} import", ActivityKind.Internal, parentContext: default,
                tags: [new("bulkimport.import_id", id), new("bulkimport.stage", name)])));
        var delta = progress.ProcessedRows - Interlocked.Exchange(ref current.Processed, progress.ProcessedRows);
        if (delta > 0)
        {
            var counter = name == "validation" ? telemetry.RowsValidated : telemetry.RowsCommitted;
            counter.Add(delta, new KeyValuePair<string, object?>("stage", name));
        }
    }

    private void End(int importId, Stage stage, ImportStatus outcome)
    {
        if (!_stages.TryRemove(new KeyValuePair<int, Stage>(importId, stage)))
        {
            return;
        }

        var seconds = Stopwatch.GetElapsedTime(stage.Started).TotalSeconds;
        telemetry.JobDuration.Record(seconds, new("stage", stage.Name), new("outcome", outcome.ToString()));
        stage.Activity?.SetTag("bulkimport.outcome", outcome.ToString());
        stage.Activity?.Stop();
    }

    private static string? StageOf(ImportStatus status) => status switch
    {
        ImportStatus.Validating => "validation",
        ImportStatus.Committing => "commit",
        _ => null,
    };

    private sealed class Stage(string name, int processed, long started, Activity? activity)
    {
        public string Name { get; } = name;
        public int Processed = processed;
        public long Started { get; } = started;
        public Activity? Activity { get; } = activity;
    }
}
