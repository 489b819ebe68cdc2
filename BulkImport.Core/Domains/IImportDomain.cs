using BulkImport.Core.Data;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>
/// One kind of record an import can bring in: everything that differs between domains (DESIGN section 6). The pipeline,
/// the API, the screens, history and masking read this contract and never name a domain, so a new domain is a folder
/// under <c>Domains/</c> plus one registration line (<see cref="DomainRegistration.AddImportDomain{T}"/>).
/// </summary>
public interface IImportDomain
{
    /// <summary>The key the database and the API use ("ClientAssignment"); it never changes once imports use it.</summary>
    Domain Domain { get; }

    /// <summary>The name people read ("Client Assignment").</summary>
    string DisplayName { get; }

    /// <summary>What importing this domain does, in a sentence (the wizard shows it under the choice).</summary>
    string Description { get; }

    /// <summary>The operations offered, in the order the wizard shows them.</summary>
    IReadOnlyList<Operation> Operations => [Operation.Add, Operation.Update, Operation.AddUpdate];

    /// <summary>What an operation does with this domain's rows, in a sentence.</summary>
    string OperationHelp(Operation operation);

    /// <summary>Why an operation that is not offered is refused at upload (a 400 a person can act on).</summary>
    string OperationNotOffered(Operation operation) =>
        $"{DisplayName} imports offer {string.Join(", ", Operations.Select(o => o.DisplayName()))}, not {operation.DisplayName()}.";

    /// <summary>Template columns, in template order.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Columns the file must have for this operation.</summary>
    IReadOnlyList<string> RequiredColumns(Operation operation);

    /// <summary>The columns whose values make a row's key (<see cref="RowValidation.RowKey"/>).</summary>
    IReadOnlyList<string> KeyColumns { get; }

    /// <summary>The column messages about the key sit next to.</summary>
    string KeyColumn => KeyColumns[0];

    /// <summary>
    /// Whether a key may appear on one row of a file only (a client, an assignment): then every row of a repeated key is
    /// an error naming the others. When false (payments of one invoice), rows sharing a key are valid together and are
    /// validated together, in row order, by one validator (which may keep a running total across them).
    /// </summary>
    bool KeyIsUnique => true;

    /// <summary>"Client ID 12" for a row key, as messages name it.</summary>
    string DescribeKey(string rowKey);

    /// <summary>Columns holding personal identifiers, masked wherever they are shown or sent.</summary>
    IReadOnlyList<SensitiveColumn> SensitiveColumns => [];

    /// <summary>Columns that hold select-list values (edited with a dropdown), and where the records store them.</summary>
    IReadOnlyList<SelectListField> SelectListFields { get; }

    /// <summary>The columns of <see cref="SelectListFields"/>.</summary>
    IReadOnlyList<string> SelectListColumns { get; }

    /// <summary>Whether Insert rows are checked for possible duplicates of existing records (SPEC 14; Client only).</summary>
    bool FindsPossibleDuplicates => false;

    /// <summary>Choices offered at upload (Auto Create Invoices).</summary>
    IReadOnlyList<DomainOption> Options => [];

    /// <summary>The feature switch that offers this domain; null when it is always offered.</summary>
    FeatureSwitch? Switch => null;

    /// <summary>What the pre-filled template of a course holds, in a sentence (the wizard shows it).</summary>
    string PrefilledTemplateDescription { get; }

    /// <summary>
    /// Loads what validation needs once (select lists, existing records). When <paramref name="onlyRows"/> is given,
    /// only what those rows refer to is loaded (revalidating a few edited rows must not load a million IDs).
    /// </summary>
    Task<IRowValidator> CreateValidatorAsync(BulkImportDbContext db, ValidationSettings settings, IReadOnlyCollection<string?[]>? onlyRows, CancellationToken ct);

    /// <summary>Writes batches of valid rows.</summary>
    IDomainCommitter CreateCommitter(CommitSettings settings);

    /// <summary>Rows of a pre-filled template for a course, values in template order.</summary>
    IAsyncEnumerable<string?[]> TemplateRowsAsync(BulkImportDbContext db, int courseId, CancellationToken ct);
}
