using BulkImport.Core.Imports.Commit;

namespace BulkImport.App.Hosting;

/// <summary>
/// The one background consumer that commits imports, so writers never contend. It does not depend on any browser:
/// closing every tab changes nothing.
/// </summary>
public sealed class CommitWorker(ImportWorkQueue queue, ImportCommitRunner runner, ILogger<CommitWorker> logger)
    : ImportQueueWorker(queue.Commit.Reader, logger, "Commit")
{
    protected override Task RunAsync(int importId, CancellationToken stoppingToken) => runner.RunAsync(importId, stoppingToken);
}
