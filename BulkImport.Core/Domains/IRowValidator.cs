namespace BulkImport.Core.Domains;

/// <summary>Validates one row against a snapshot of lookups; never touches the database.</summary>
public interface IRowValidator
{
    /// <summary>Checks the row and converts accepted variants to canonical form in place.</summary>
    RowValidation Validate(string?[] values);
}
