using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Components;

/// <summary>Imports as the screens receive them, for components that only show what they are given.</summary>
internal static class Samples
{
    public static Import Import(int total = 10, int valid = 6, int errors = 3, int skipped = 1, int inserts = 4, int updates = 2,
        ImportStatus status = ImportStatus.ReadyForReview, string fileName = "clients.csv", string? failureReason = null) => new()
    {
        Id = 42,
        Domain = ClientDomain.Key,
        Operation = Operation.AddUpdate,
        Status = status,
        FileName = fileName,
        StoredFileName = "stored.csv",
        CreatedBy = "importer@bulkimport.local",
        CreatedAt = new DateTime(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc),
        TotalRows = total,
        ValidRows = valid,
        ErrorRows = errors,
        SkippedRows = skipped,
        InsertRows = inserts,
        UpdateRows = updates,
        FailureReason = failureReason,
    };
}
