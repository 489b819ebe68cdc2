using BulkImport.Core.Data;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Staging;
using BulkImport.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>Reads and validates uploaded files in the background, beside the other imports' jobs (<see cref="JobPool"/>).</summary>
public sealed class ValidationWorker(ImportWorkQueue queue, JobPool pool, ImportStagingService staging, IDbContextFactory<BulkImportDbContext> dbFactory,
    IOptionsMonitor<JobOptions> options, ILogger<ValidationWorker> logger)
    : ImportQueueWorker(queue.Validation.Reader, pool, logger, JobKind.Validation)
{
    protected override Task RunAsync(int importId, CancellationToken stoppingToken) => staging.RunAsync(importId, stoppingToken);

    protected override async Task<(string User, bool Large)?> DescribeAsync(int importId, CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var import = await db.Imports.AsNoTracking().Where(i => i.Id == importId)
            .Select(i => new { i.CreatedBy, i.FileSize }).SingleOrDefaultAsync(stoppingToken);
        return import is null ? null : (import.CreatedBy, import.FileSize > options.CurrentValue.LargeFileBytes);
    }
}
