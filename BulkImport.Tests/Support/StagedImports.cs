using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Support;

/// <summary>
/// Puts an import in review straight into the app's database, each row validated by its domain's real validator,
/// without the CSV reader: component tests need an import with known rows, not a file.
/// </summary>
public static class StagedImports
{
    /// <summary>Creates a ReadyForReview import of <paramref name="rows"/> (values under <paramref name="header"/>); a row of blanks is Skipped.</summary>
    public static async Task<Import> CreateAsync(IServiceProvider services, string[] header, IEnumerable<string?[]> rows,
        Domain domain = Domain.Client, Operation operation = Operation.AddUpdate, string createdBy = "importer@bulkimport.local", string fileName = "clients.csv")
    {
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
            _ = DuplicateKeyRule.Mark(import, importDomain, [.. group]).ToList();
        }

        db.ImportRows.AddRange(staged);
        import.Status = ImportStatus.ReadyForReview;
        await db.SaveChangesAsync();
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
