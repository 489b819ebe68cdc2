using System.Globalization;
using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Validation;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Results;

/// <summary>
/// The results file (SPEC section 10), streamed from the staged rows in row order, so it always matches the database.
/// </summary>
public sealed class ResultsFile(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains)
{
    public static readonly string[] Columns = ["Row Number", "Status", "Action", "Created/Updated ID", "Error Messages"];
    public const string InvoiceColumn = "Invoice ID";

    public static string FileNameFor(Import import) => $"import-{import.Id}-results.csv";

    public async Task WriteAsync(Import import, Stream destination, CancellationToken ct)
    {
        var withInvoices = import.AutoCreateInvoices;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var writer = CsvExport.Create(destination);
        writer.WriteHeader(withInvoices ? [.. Columns, InvoiceColumn] : Columns);

        var notReached = NotReachedRows.Message(import);

        var fields = new string[withInvoices ? 6 : 5];
        using var duplicates = new DuplicateKeyMessages(db, import.Id, domains.Get(import.Domain));
        await foreach (var row in ResultRowReader.ReadAsync(db, import.Id, ct))
        {
            var (status, action, messages) = row.Status switch
            {
                RowStatus.Success => ("Success", row.Action.ToString(), Join(row.Messages)),
                RowStatus.Failed => ("Failed", row.Action.ToString(), Join(row.Messages)),
                RowStatus.Error => ("Failed", "", Join(duplicates.Show(row.RowNumber, row.RowKey, row.Messages))),
                RowStatus.Skipped => ("Skipped", "", row.SkippedByOperator ? "Skipped by the operator." : "Blank row."),
                // Valid, never reached by the commit: "Not imported" (SPEC 18), with the action it would have had.
                _ => (NotReachedRows.Status, row.Action.ToString(), notReached),
            };
            fields[0] = row.RowNumber.ToString(CultureInfo.InvariantCulture);
            fields[1] = status;
            fields[2] = action;
            fields[3] = row.RecordId?.ToString(CultureInfo.InvariantCulture) ?? "";
            fields[4] = messages;
            if (withInvoices)
            {
                fields[5] = row.InvoiceId?.ToString(CultureInfo.InvariantCulture) ?? "";
            }

            await writer.WriteRecordAsync(fields, ct);
        }
    }

    private static string Join(IReadOnlyList<RowMessage> messages) => messages.Count == 0 ? "" : string.Join("; ", messages.Select(m => m.IsWarning ? "Warning: " + m.Message : m.Message));
}
