using BulkImport.Core.Data;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>
/// One kind of record an import can bring in: its template columns, its rules and how it is written.
/// The pipeline knows nothing else about a domain; a new domain is a new folder plus its registration.
/// </summary>
public interface IImportDomain
{
    Domain Domain { get; }

    /// <summary>Template columns, in template order.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Columns that hold select-list values (edited with a dropdown).</summary>
    IReadOnlyList<string> SelectListColumns { get; }

    /// <summary>Whether Auto Create Invoices is offered for this domain.</summary>
    bool SupportsInvoices { get; }

    /// <summary>Columns the file must have for this operation.</summary>
    IReadOnlyList<string> RequiredColumns(Operation operation);

    /// <summary>
    /// Loads what validation needs once (select lists, existing records). When <paramref name="onlyRows"/> is given,
    /// only what those rows refer to is loaded (revalidating a few edited rows must not load a million IDs).
    /// </summary>
    Task<IRowValidator> CreateValidatorAsync(BulkImportDbContext db, ValidationSettings settings, IReadOnlyCollection<string?[]>? onlyRows, CancellationToken ct);

    /// <summary>Writes batches of valid rows.</summary>
    IDomainCommitter CreateCommitter(CommitSettings settings);

    /// <summary>"Client ID 12" for a row key, as duplicate messages name it.</summary>
    string DescribeKey(string rowKey);

    /// <summary>The column duplicate messages sit next to.</summary>
    string KeyColumn { get; }

    /// <summary>Rows of a pre-filled template for a course, values in template order.</summary>
    IAsyncEnumerable<string?[]> TemplateRowsAsync(BulkImportDbContext db, int courseId, CancellationToken ct);
}
