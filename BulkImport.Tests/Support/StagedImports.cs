using BulkImport.Core.Data;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Support;

/// <summary>
/// Puts an import with validated rows straight into the database, as reading and validating a file would leave it:
/// for tests about who may do what with an import, which do not need a file read.
/// </summary>
public static class StagedImports
{
    public static readonly string[] PresentColumns = [ClientColumns.FirstName, ClientColumns.LastName, ClientColumns.Ssn, ClientColumns.Ethnicity];

    /// <summary>A row of the Client template with the given cells (by column name), others blank.</summary>
    public static string?[] ClientRow(params (string Column, string Value)[] cells)
    {
        var values = new string?[ClientColumns.All.Count];
        foreach (var (column, value) in cells)
        {
            values[ClientColumns.All.ToList().IndexOf(column)] = value;
        }

        return values;
    }

    /// <summary>
    /// A Client Add &amp; Update import by <paramref name="createdBy"/> in <paramref name="status"/>, with two valid rows to insert
    /// (rows 2 and 3, SSNs 123-45-6789 and 234-56-7890) and one error row (row 4, an invalid SSN).
    /// </summary>
    public static async Task<int> AddAsync(IServiceProvider services, string createdBy, ImportStatus status = ImportStatus.ReadyForReview)
    {
        var factory = services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var import = new Import
        {
            Domain = Domain.Client,
            Operation = Operation.AddUpdate,
            Status = status,
            FileName = "staged.csv",
            StoredFileName = Guid.NewGuid().ToString("N") + ".csv",
            CreatedBy = createdBy,
            CreatedAt = now,
            CompletedAt = status.IsFinal() ? now : null,
            CancelledBy = status == ImportStatus.Cancelled ? createdBy : null,
            CancelledAt = status == ImportStatus.Cancelled ? now : null,
            PresentColumns = [.. PresentColumns],
            TotalRows = 3,
            ValidRows = 2,
            ErrorRows = 1,
            InsertRows = 2,
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        db.ImportRows.AddRange(
            new ImportRow { ImportId = import.Id, RowNumber = 2, Status = RowStatus.Valid, Action = RowAction.Insert, Values = ClientRow((ClientColumns.FirstName, "Ann"), (ClientColumns.LastName, "Staged"), (ClientColumns.Ssn, "123456789")) },
            new ImportRow { ImportId = import.Id, RowNumber = 3, Status = RowStatus.Valid, Action = RowAction.Insert, Values = ClientRow((ClientColumns.FirstName, "Bo"), (ClientColumns.LastName, "Staged"), (ClientColumns.Ssn, "234567890")) },
            new ImportRow
            {
                ImportId = import.Id, RowNumber = 4, Status = RowStatus.Error, Action = RowAction.None,
                Values = ClientRow((ClientColumns.FirstName, "Cy"), (ClientColumns.LastName, "Staged"), (ClientColumns.Ssn, "000-12-3456")),
                Messages = [new RowMessage(ClientColumns.Ssn, "SSN ***-**-3456 is not valid: its first three digits cannot be 000, 666 or 900-999", "ssn")],
            });
        await db.SaveChangesAsync();
        return import.Id;
    }
}
