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
}
