using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Security;

/// <summary>Records every reveal of a masked value (SSN) and every download of personal data, so who saw what, and when, can be answered later.</summary>
public sealed class SensitiveDataAudit(IDbContextFactory<BulkImportDbContext> dbFactory, TimeProvider clock)
{
    public Task RecordRevealAsync(string user, int importId, int rowNumber, string column, CancellationToken ct) =>
        RecordAsync(user, AuditActions.Reveal, $"Import {importId}, row {rowNumber}, {column}", ct);

    public Task RecordClientRevealAsync(string user, int clientId, string column, CancellationToken ct) =>
        RecordAsync(user, AuditActions.Reveal, $"Client {clientId}, {column}", ct);

    /// <summary>Records a download of personal data (a pre-filled template holds SSNs and birth dates).</summary>
    public Task RecordExportAsync(string user, string what, CancellationToken ct) => RecordAsync(user, AuditActions.Export, what, ct);

    private async Task RecordAsync(string user, string action, string detail, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, User = user, Action = action, Detail = detail });
        await db.SaveChangesAsync(ct);
    }
}
