using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>Validates one row against a snapshot of lookups; never touches the database.</summary>
public interface IRowValidator
{
    /// <summary>Checks the row and converts accepted variants to canonical form in place.</summary>
    RowValidation Validate(string?[] values);

    /// <summary>
    /// Checks the row numbered <paramref name="rowNumber"/>. The pipeline calls this, rows sharing a key in row order, so
    /// a validator that keeps a running total over them (payments of one invoice) can name the rows that made it.
    /// </summary>
    RowValidation Validate(int rowNumber, string?[] values) => Validate(values);

    /// <summary>
    /// Checks a staged row again (after an edit, a replace, or a change of a row sharing its key), knowing the messages
    /// it had (<paramref name="before"/>): a value the validator filled in on an earlier check is then told apart from
    /// one the file gave by its note there (the batch date as enrollment date, SPEC 15), and keeps the note.
    /// </summary>
    RowValidation Validate(int rowNumber, string?[] values, IReadOnlyList<RowMessage> before) => Validate(rowNumber, values);
}
