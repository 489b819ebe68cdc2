using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Security;

/// <summary>Records every reveal of a masked value (SSN), so who saw which row, and when, can be answered later.</summary>
public sealed class SensitiveDataAudit(IDbContextFactory<BulkImportDbContext> dbFactory, TimeProvider clock)
{
    public async Task RecordRevealAsync(string user, int importId, int rowNumber, string column, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            User = user,
            Action = AuditActions.Reveal,
            Detail = $"Import {importId}, row {rowNumber}, {column}",
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task RecordClientRevealAsync(string user, int clientId, string column, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            User = user,
            Action = AuditActions.Reveal,
            Detail = $"Client {clientId}, {column}",
        });
        await db.SaveChangesAsync(ct);
    }
}
