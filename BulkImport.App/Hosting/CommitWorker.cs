using BulkImport.Core.Data;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Commits imports in the background, beside the other imports' jobs (<see cref="JobPool"/>); on SQLite their batches
/// take turns (<see cref="WriteTurns"/>). It does not depend on any browser: closing every tab changes nothing.
/// </summary>
public sealed class CommitWorker(ImportWorkQueue queue, JobPool pool, ImportCommitRunner runner, IDbContextFactory<BulkImportDbContext> dbFactory,
    IOptionsMonitor<JobOptions> options, ILogger<CommitWorker> logger)
    : ImportQueueWorker(queue.Commit.Reader, pool, logger, JobKind.Commit)
{
    protected override Task RunAsync(int importId, CancellationToken stoppingToken) => runner.RunAsync(importId, stoppingToken);

    protected override async Task<(string User, bool Large)?> DescribeAsync(int importId, CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var import = await db.Imports.AsNoTracking().Where(i => i.Id == importId)
            .Select(i => new { i.CreatedBy, Left = i.ValidRows - i.ProcessedRows }).SingleOrDefaultAsync(stoppingToken);
        return import is null ? null : (import.CreatedBy, import.Left > options.CurrentValue.LargeJobRows);
    }
}
