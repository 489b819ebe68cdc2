using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>What a row validator needs to know about the import it validates.</summary>
/// <param name="EnrollmentDateDefault">The Batch Date a blank Enrollment Date takes (SPEC 15), when the upload asked for it.</param>
/// <param name="Delimiter">The CSV file's field separator (<see cref="Import.Delimiter"/>); null for a workbook, whose numbers are cells.</param>
public sealed record ValidationSettings(Operation Operation, IReadOnlyList<string> PresentColumns, DateOnly Today, DateOnly? EnrollmentDateDefault = null,
    char? Delimiter = null)
{
    /// <summary>
    /// Whether a comma in a number may be a decimal mark: Excel writes semicolon-separated CSV where the comma is the
    /// decimal mark (most of Europe), so "1,500" there is as likely 1.50 as 1500 (docs/decisions.md, "The domain
    /// contract and payments").
    /// </summary>
    public bool CommaMayBeDecimalMark => Delimiter == ';';

    /// <summary>
    /// The settings of <paramref name="import"/>'s file, as staging and every revalidation after it see them: a row in
    /// error when staged (so not yet known to add an assignment) takes the batch date once an edit or a fix makes it one.
    /// </summary>
    public static ValidationSettings Of(Import import, DateOnly today) =>
        new(import.Operation, import.PresentColumns, today, import.UseBatchDateAsEnrollmentDate ? import.BatchDate : null, import.Delimiter);
}
