using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Runs before the app serves: applies migrations, loads the demo data on first start, and finds work that a stopped
/// process left behind (imports still Validating or Queued are queued again; a Committing import has no live worker,
/// so it is marked CommitFailed as interrupted, or resumed when Commit:ResumeInterruptedOnStartup is on). That is
/// SQLite's way, one instance per file; on PostgreSQL, shared by several instances, such work is found by its lapsed
/// lease instead (<see cref="LeaseWorker"/>).
/// </summary>
public static class DatabaseStartup
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await ReferenceDataLoader.LoadIfEmptyAsync(db, ct);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Security.UserSeeder>().SeedAsync();
        }

        if (DatabaseEngine.Of(db).Leases is not null)
        {
            // Several instances share this database: an import Committing or Validating may be another instance's running
            // work. Work a stopped instance left is found by its lapsed lease and taken over (LeaseWorker, SPEC 22).
            return;
        }

        var queue = services.GetRequiredService<ImportWorkQueue>();
        var resume = services.GetRequiredService<IOptions<CommitOptions>>().Value.ResumeInterruptedOnStartup;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var interrupted = await db.Imports.Where(i => i.Status == ImportStatus.Committing).ToListAsync(ct);
        foreach (var import in interrupted)
        {
            if (resume)
            {
                import.ResumeInterrupted();
            }
            else
            {
                import.MarkInterrupted(now);
            }
        }

        await db.SaveChangesAsync(ct);

        foreach (var id in await db.Imports.Where(i => i.Status == ImportStatus.Validating).Select(i => i.Id).ToListAsync(ct))
        {
            await db.ImportRows.Where(r => r.ImportId == id).ExecuteDeleteAsync(ct);
            await queue.Validation.Writer.WriteAsync(id, ct);
        }

        foreach (var id in await db.Imports.Where(i => i.Status == ImportStatus.Queued).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct))
        {
            await queue.Commit.Writer.WriteAsync(id, ct);
        }
    }
}
