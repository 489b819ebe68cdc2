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

    /// <summary>
    /// The rows of <paramref name="status"/>, all rows when null. After a commit a row's status is its result's (SPEC 4):
    /// Success or Failed, with the reason it failed among its messages; Valid is then a row the commit did not reach.
    /// </summary>
    public async Task WriteAsync(Import import, RowStatus? status, bool reveal, Stream destination, CancellationToken ct)
    {
        var domain = domains.Get(import.Domain);
        var columns = import.PresentColumns.Count > 0 ? [.. domain.Columns.Where(import.PresentColumns.Contains)] : domain.Columns.ToList();
        var indexes = columns.ConvertAll(c => Cells.IndexOf(domain.Columns, c));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var writer = CsvExport.Create(destination);
        writer.WriteHeader([.. columns, MessagesColumn]);
        var fields = new string[columns.Count + 1];
        using var duplicates = new DuplicateKeyMessages(db, import.Id, domain);
        await foreach (var (row, failure) in Rows(db, import.Id, status).AsAsyncEnumerable().WithCancellation(ct))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var value = row.Values.ElementAtOrDefault(indexes[i]) ?? "";
                fields[i] = reveal ? value : SensitiveValues.Mask(domain, columns[i], value) ?? "";
            }

            var messages = row.Status == RowStatus.Error ? duplicates.Show(row.RowNumber, row.RowKey, row.Messages) : row.Messages;
            fields[^1] = string.Join("; ", messages.Select(m => m.IsWarning ? "Warning: " + m.Message : m.Message).Append(failure).OfType<string>());
            await writer.WriteRecordAsync(fields, ct);
        }
    }

    /// <summary>The staged rows of <paramref name="status"/> in row order, each with the reason its commit failed (if it did).</summary>
    private static IQueryable<RowsFileRow> Rows(BulkImportDbContext db, int importId, RowStatus? status)
    {
        var staged = db.ImportRows.AsNoTracking().Where(r => r.ImportId == importId);
        if (status is RowStatus.Error or RowStatus.Skipped)
        {
            // Never committed, so no result to join: "not Valid" as the partial index states it, so the index serves the filter.
            return staged.Where(r => r.Status != RowStatus.Valid && r.Status == status).OrderBy(r => r.RowNumber).Select(r => new RowsFileRow(r, null));
        }

        var rows = from r in staged
                   from x in db.RowResults.Where(x => x.ImportId == importId && x.RowNumber == r.RowNumber).DefaultIfEmpty()
                   select new { Row = r, Result = x == null ? (RowStatus?)null : x.Status, Failure = x == null ? null : x.Error };
        rows = status switch
        {
            null => rows,
            RowStatus.Valid => rows.Where(r => r.Row.Status == RowStatus.Valid && r.Result == null),
            { } s => rows.Where(r => r.Row.Status == RowStatus.Valid && r.Result == s),
        };
        return rows.OrderBy(r => r.Row.RowNumber).Select(r => new RowsFileRow(r.Row, r.Failure));
    }

    private sealed record RowsFileRow(ImportRow Row, string? Failure);
}
