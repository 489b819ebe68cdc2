using System.Globalization;
using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// The undo results file (SPEC 21): one line per committed row the undo went through, in row order, streamed from the
/// results the undo wrote in its batches, so it always matches the database.
/// </summary>
public sealed class UndoResultsFile(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    public static readonly string[] Columns = ["Row Number", "Status", "Record ID", "Reason"];

    public static string FileNameFor(Import import) => $"import-{import.Id}-undo-results.csv";

    public async Task WriteAsync(Import import, Stream destination, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var writer = CsvExport.Create(destination);
        writer.WriteHeader(Columns);
        var fields = new string[4];
        var results = db.Set<UndoResult>().AsNoTracking().Where(r => r.ImportId == import.Id).OrderBy(r => r.RowNumber).AsAsyncEnumerable();
        await foreach (var result in results.WithCancellation(ct))
        {
            fields[0] = result.RowNumber.ToString(CultureInfo.InvariantCulture);
            fields[1] = result.Status.ToString();
            fields[2] = result.RecordId?.ToString(CultureInfo.InvariantCulture) ?? "";
            fields[3] = result.Reason ?? "";
            await writer.WriteRecordAsync(fields, ct);
        }
    }
}
