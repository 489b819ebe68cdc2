using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.ClientAssignments;

/// <summary>The Client Assignment domain plug-in (SPEC section 7), with Auto Create Invoices.</summary>
public sealed class ClientAssignmentDomain : IImportDomain
{
    /// <summary>The key stored on Client Assignment imports and sent by the API.</summary>
    public static readonly Domain Key = new("ClientAssignment");

    /// <summary>SPEC section 7: each inserted assignment gets one open invoice for its course's fee.</summary>
    public static readonly DomainOption AutoCreateInvoices = new(ImportOptionKeys.AutoCreateInvoices, "Auto Create Invoices",
        "Each new assignment gets one open invoice for its course fee, dated the day of the import.", [Operation.Add, Operation.AddUpdate]);

    /// <summary>SPEC section 15: a blank Enrollment Date takes the import's Batch Date.</summary>
    public static readonly DomainOption UseBatchDateAsEnrollmentDate = new(ImportOptionKeys.UseBatchDateAsEnrollmentDate, "Use the batch date as enrollment date",
        "A row whose Enrollment Date is blank takes the Batch Date; the row shows it as a correction.", [Operation.Add, Operation.Update, Operation.AddUpdate]);

    private static readonly IReadOnlyList<SelectListField> SelectListFieldsStored = [.. ClientAssignmentColumns.Stored
        .Where(s => ClientAssignmentColumns.SelectLists.Contains(s.Column))
        .Select(s => new SelectListField(s.Column, "ClientAssignments", s.Property))];

    public Domain Domain => Key;

    public string DisplayName => "Client Assignment";

    public string Description => "Import or update client enrollments and assignment information.";

    public string OperationHelp(Operation operation) => operation switch
    {
        Operation.Add => "Creates new assignments. Every row needs Client ID, CourseID, SectionID and Enrollment Status.",
        Operation.Update => "Updates existing assignments, found by Client ID, CourseID and SectionID. Changing the SectionID does not transfer a student.",
        _ => "Existing assignments are updated; new assignments are added (they need an Enrollment Status).",
    };

    public IReadOnlyList<string> Columns => ClientAssignmentColumns.All;

    public IReadOnlyList<string> KeyColumns { get; } = [ClientAssignmentColumns.ClientId, ClientAssignmentColumns.CourseId, ClientAssignmentColumns.SectionId];

    public IReadOnlyList<SelectListField> SelectListFields => SelectListFieldsStored;

    public IReadOnlyList<string> SelectListColumns => ClientAssignmentColumns.SelectLists;

    public IReadOnlyList<DomainOption> Options { get; } = [AutoCreateInvoices, UseBatchDateAsEnrollmentDate];

    public string PrefilledTemplateDescription => "The existing assignments of a course. Use it when updating records in bulk.";

    public IReadOnlyList<string> RequiredColumns(Operation operation) => operation == Operation.Add
        ? [ClientAssignmentColumns.ClientId, ClientAssignmentColumns.CourseId, ClientAssignmentColumns.SectionId, ClientAssignmentColumns.EnrollmentStatus]
        : [ClientAssignmentColumns.ClientId, ClientAssignmentColumns.CourseId, ClientAssignmentColumns.SectionId];

    public async Task<IRowValidator> CreateValidatorAsync(BulkImportDbContext db, ValidationSettings settings, IReadOnlyCollection<string?[]>? onlyRows, CancellationToken ct)
    {
        var selectLists = await SelectLists.LoadAsync(db, ct);
        var lookups = await ClientAssignmentLookups.LoadAsync(db, onlyRows, ct);
        return new ClientAssignmentRowValidator(settings, selectLists, lookups);
    }

    public IDomainCommitter CreateCommitter(CommitSettings settings) => new ClientAssignmentCommitter(settings);

    public string DescribeKey(string rowKey) =>
        AssignmentKey.TryParseRowKey(rowKey, out var key) ? key.Describe() : rowKey;

    public async IAsyncEnumerable<string?[]> TemplateRowsAsync(BulkImportDbContext db, int courseId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var assignments = db.ClientAssignments.AsNoTracking()
            .Where(a => a.CourseId == courseId)
            .OrderBy(a => a.ClientId).ThenBy(a => a.SectionId)
            .AsAsyncEnumerable();
        await foreach (var assignment in assignments.WithCancellation(ct))
        {
            yield return ClientAssignmentColumns.ToValues(assignment);
        }
    }
}
