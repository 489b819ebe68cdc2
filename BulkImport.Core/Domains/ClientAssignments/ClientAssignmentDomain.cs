using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.ClientAssignments;

/// <summary>The Client Assignment domain plug-in (SPEC section 7), with Auto Create Invoices.</summary>
public sealed class ClientAssignmentDomain : IImportDomain
{
    public Domain Domain => Domain.ClientAssignment;

    public IReadOnlyList<string> Columns => ClientAssignmentColumns.All;

    public IReadOnlyList<string> SelectListColumns => ClientAssignmentColumns.SelectLists;

    public bool SupportsInvoices => true;

    public string KeyColumn => ClientAssignmentColumns.ClientId;

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
