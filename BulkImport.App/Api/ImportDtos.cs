using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Mapping;
using BulkImport.Core.Security;

namespace BulkImport.App.Api;

/// <summary>The import summary of SPEC section 12.</summary>
public sealed record ImportSummary(
    int Id, string? Name, Domain Domain, Operation Operation, ImportStatus Status, string FileName, string CreatedBy,
    DateTime CreatedAt, DateTime? CompletedAt, int TotalRows, int ValidRows, int ErrorRows, int SkippedRows,
    int InsertRows, int UpdateRows, int ProcessedRows, int Inserted, int Updated, int Failed,
    IReadOnlyList<string> FileErrors, IReadOnlyList<string> FileWarnings, bool AutoCreateInvoices,
    string? FailureReason, string? ConfirmedBy, DateTime? ConfirmedAt, string? CancelledBy, DateTime? CancelledAt,
    string? ReplayedBy, DateTime? ReplayedAt, DateTime? RowsPurgedAt,
    bool CheckDuplicates, int Discrepancies, int UnresolvedDiscrepancies, DateOnly? BatchDate, bool UseBatchDateAsEnrollmentDate, string? Sheet, IReadOnlyList<string> Sheets,
    bool MapColumns = false, IReadOnlyDictionary<string, string?>? ColumnMapping = null, string? MappingName = null, MappingReason? MappingReason = null,
    int? FixesImportId = null, string? UndoneBy = null, DateTime? UndoStartedAt = null, int UndoneRows = 0, int KeptRows = 0)
{
    /// <summary>The summary as read now: its file warnings include the same-file warning of the earlier imports' current statuses.</summary>
    public static async Task<ImportSummary> ReadAsync(Import i, ImportHistory history, CancellationToken ct) =>
        From(i, (await history.SameFileWarningsAsync([i], ct)).GetValueOrDefault(i.Id));

    /// <summary>A page of summaries as read now, with one query for the same-file warnings of all of them.</summary>
    public static async Task<List<ImportSummary>> ReadAsync(IReadOnlyList<Import> imports, ImportHistory history, CancellationToken ct)
    {
        var sameFile = await history.SameFileWarningsAsync(imports, ct);
        return [.. imports.Select(i => From(i, sameFile.GetValueOrDefault(i.Id)))];
    }

    private static ImportSummary From(Import i, string? sameFile) => new(
        i.Id, i.Name, i.Domain, i.Operation, i.Status, i.FileName, i.CreatedBy, i.CreatedAt, i.CompletedAt,
        i.TotalRows, i.ValidRows, i.ErrorRows, i.SkippedRows, i.InsertRows, i.UpdateRows,
        i.ProcessedRows, i.Inserted, i.Updated, i.Failed, i.FileErrors, SameFileWarning.Shown(i.FileWarnings, sameFile), i.AutoCreateInvoices,
        i.FailureReason, i.ConfirmedBy, i.ConfirmedAt, i.CancelledBy, i.CancelledAt, i.ReplayedBy, i.ReplayedAt, i.RowsPurgedAt,
        i.CheckDuplicates, i.Discrepancies, i.UnresolvedDiscrepancies, i.BatchDate, i.UseBatchDateAsEnrollmentDate, i.Sheet, i.Sheets,
        i.MapColumns, i.ColumnMapping, i.MappingName, i.MappingReason, i.FixesImportId,
        i.UndoneBy, i.UndoStartedAt, i.UndoneRows, i.KeptRows);
}

/// <summary>One message next to its cell; Severity is "Error" (the row is not imported) or "Warning" (the row stays valid).</summary>
public sealed record RowMessageDto(string? Column, string Message, string Severity = "Error");

/// <summary>
/// A row of SPEC section 12: values by column name (canonical), status, action, messages. Sensitive values (SSN) are
/// masked unless <paramref name="reveal"/> is set for a permitted person, and that reveal is recorded by the caller.
/// </summary>
public sealed record ImportRowDto(int RowNumber, RowStatus Status, RowAction? Action, IReadOnlyDictionary<string, string> Values, IReadOnlyList<RowMessageDto> Messages, long? RecordId, long? InvoiceId)
{
    public static ImportRowDto From(ImportRow row, IImportDomain domain, bool reveal = false)
    {
        var values = new Dictionary<string, string>(domain.Columns.Count);
        for (var i = 0; i < domain.Columns.Count; i++)
        {
            var value = i < row.Values.Length ? row.Values[i] ?? "" : "";
            values[domain.Columns[i]] = reveal ? value : SensitiveValues.Mask(domain, domain.Columns[i], value) ?? "";
        }

        return new ImportRowDto(row.RowNumber, row.Status, row.Action == RowAction.None ? null : row.Action, values,
            row.Messages.ConvertAll(m => new RowMessageDto(m.Column, m.Message, m.IsWarning ? "Warning" : "Error")), row.RecordId, row.InvoiceId);
    }
}

/// <summary>The answer to a row edit or skip: the row, the import with its new counts, and the counts on their own.</summary>
public sealed record RowChangeResult(ImportRowDto Row, ImportSummary Import)
{
    public int RowNumber => Row.RowNumber;
    public RowStatus Status => Row.Status;
    public RowAction? Action => Row.Action;
    public IReadOnlyDictionary<string, string> Values => Row.Values;
    public IReadOnlyList<RowMessageDto> Messages => Row.Messages;
    public RowCountsDto Counts => new(Import.TotalRows, Import.ValidRows, Import.ErrorRows, Import.SkippedRows, Import.InsertRows, Import.UpdateRows);
}

/// <summary>An import's review counts.</summary>
public sealed record RowCountsDto(int TotalRows, int ValidRows, int ErrorRows, int SkippedRows, int InsertRows, int UpdateRows);

/// <summary>The body of PUT /api/imports/{id}/rows/{rowNumber}.</summary>
public sealed record EditRowRequest(Dictionary<string, string?>? Values);

/// <summary>A page of items, as every list of the API answers.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);
