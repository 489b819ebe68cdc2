using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports.Validation;
using BulkImport.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Fixes;

/// <summary>
/// An import's rows as a CSV file to fix in a spreadsheet and upload again (SPEC 20): the file's template columns with
/// each row's values, and Error Messages last; streamed in row order, never held. Sensitive values (SSN) are masked
/// unless <c>reveal</c> is asked by someone allowed, who is then recorded by the caller.
/// </summary>
public sealed class ErrorRowsFile(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains)
{
    public const string MessagesColumn = "Error Messages";

    public static string FileNameFor(Import import, RowStatus? status) =>
        $"import-{import.Id}-{(status is { } s ? s.ToString().ToLowerInvariant() : "all")}-rows.csv";

    /// <summary>The rows of <paramref name="status"/> (Valid, Error or Skipped; all rows when null).</summary>
    public async Task WriteAsync(Import import, RowStatus? status, bool reveal, Stream destination, CancellationToken ct)
    {
        if (status is RowStatus.Success or RowStatus.Failed)
        {
            throw ImportProblem.BadRequest($"The rows file shows rows as uploaded: ask for status Valid, Error or Skipped (or none for all rows), not {status}. The results file (results.csv) lists {status} rows.");
        }

        var domain = domains.Get(import.Domain);
        var columns = import.PresentColumns.Count > 0 ? [.. domain.Columns.Where(import.PresentColumns.Contains)] : domain.Columns.ToList();
        var indexes = columns.ConvertAll(c => Cells.IndexOf(domain.Columns, c));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var writer = CsvExport.Create(destination);
        writer.WriteHeader([.. columns, MessagesColumn]);
        var fields = new string[columns.Count + 1];
        using var duplicates = new DuplicateKeyMessages(db, import.Id, domain);
        var rows = db.ImportRows.AsNoTracking().Where(r => r.ImportId == import.Id);
        rows = status switch
        {
            null => rows,
            RowStatus.Valid => rows.Where(r => r.Status == RowStatus.Valid),
            // "Not Valid" as the partial index states it, so the index serves the filter.
            { } s => rows.Where(r => r.Status != RowStatus.Valid && r.Status == s),
        };
        await foreach (var row in rows.OrderBy(r => r.RowNumber).AsAsyncEnumerable().WithCancellation(ct))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var value = row.Values.ElementAtOrDefault(indexes[i]) ?? "";
                fields[i] = reveal ? value : SensitiveValues.Mask(domain, columns[i], value) ?? "";
            }

            var messages = row.Status == RowStatus.Error ? duplicates.Show(row.RowNumber, row.RowKey, row.Messages) : row.Messages;
            fields[^1] = string.Join("; ", messages.Select(m => m.IsWarning ? "Warning: " + m.Message : m.Message));
            await writer.WriteRecordAsync(fields, ct);
        }
    }
}
