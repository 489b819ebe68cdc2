using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Support;

/// <summary>
/// Puts an import with validated rows straight into the database, as reading and validating a file would leave it:
/// for tests about who may do what with an import, and component tests that need an import with known rows, not a
/// file read.
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
            Domain = ClientDomain.Key,
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

    /// <summary>Creates a ReadyForReview import of <paramref name="rows"/> (values under <paramref name="header"/>); a row of blanks is Skipped.</summary>
    public static async Task<Import> CreateAsync(IServiceProvider services, string[] header, IEnumerable<string?[]> rows,
        Domain? domainKey = null, Operation operation = Operation.AddUpdate, string createdBy = "importer@bulkimport.local", string fileName = "clients.csv")
    {
        var domain = domainKey ?? ClientDomain.Key;
        var importDomain = services.GetRequiredService<ImportDomains>().Get(domain);
        await using var db = await services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync();
        var import = new Import
        {
            Domain = domain,
            Operation = operation,
            Status = ImportStatus.Validating,
            FileName = fileName,
            StoredFileName = Guid.NewGuid().ToString("N") + ".csv",
            CreatedBy = createdBy,
            CreatedAt = DateTime.UtcNow,
            PresentColumns = [.. importDomain.Columns.Where(header.Contains)],
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync();

        var settings = new ValidationSettings(operation, import.PresentColumns, DateOnly.FromDateTime(DateTime.Now));
        var aligned = rows.Select(r =>
        {
            var values = new string?[importDomain.Columns.Count];
            for (var i = 0; i < header.Length; i++)
            {
                values[importDomain.Columns.ToList().IndexOf(header[i])] = r.ElementAtOrDefault(i) ?? "";
            }

            return values;
        }).ToList();
        var validator = await importDomain.CreateValidatorAsync(db, settings, null, CancellationToken.None);
        var staged = new List<ImportRow>();
        var rowNumber = 1;
        foreach (var values in aligned)
        {
            rowNumber++;
            var row = new ImportRow { ImportId = import.Id, RowNumber = rowNumber, Values = values };
            if (values.All(string.IsNullOrWhiteSpace))
            {
                row.Status = RowStatus.Skipped;
            }
            else
            {
                var verdict = validator.Validate(values);
                (row.Status, row.Action, row.Messages, row.RowKey) = (verdict.Status, verdict.Action, verdict.Messages, verdict.RowKey);
            }

            RowCounts.Add(import, row.Status, row.Action);
            import.TotalRows++;
            staged.Add(row);
        }

        foreach (var group in staged.Where(r => r.RowKey is not null).GroupBy(r => r.RowKey!))
        {
            DuplicateKeyRule.Mark(import, importDomain, [.. group]);
        }

        db.ImportRows.AddRange(staged);
        import.FinishReading();
        await db.SaveChangesAsync();
        // The problem groups, as staging counts them once the rows are written.
        await ProblemGroupCounts.CountStagedAsync(db, import.Id, importDomain, CancellationToken.None);
        return import;
    }

    /// <summary>Client rows with first and last names only: <paramref name="count"/> inserts.</summary>
    public static Task<Import> ClientsAsync(IServiceProvider services, int count, string createdBy = "importer@bulkimport.local") =>
        CreateAsync(services, ["First Name", "Last Name"], Enumerable.Range(1, count).Select(i => new string?[] { $"First{i}", $"Last{i}" }), createdBy: createdBy);
}

/// <summary>Small changes to staged imports, for screens that show imports in other states.</summary>
public static class StagedImportChanges
{
    public static async Task SetStatusAsync(this IServiceProvider services, int importId, ImportStatus status)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync();
        await db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, status));
    }
}
