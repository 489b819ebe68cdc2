namespace BulkImport.Core.Domains.Common;

/// <summary>
/// The cells of one row as the validator sees them: mutable raw strings aligned with the template columns,
/// so an accepted variant can be replaced by its canonical form in place.
/// </summary>
public sealed class RowCells(string?[] values)
{
    public string?[] Values { get; } = values;

    public bool IsBlank(int index) => string.IsNullOrEmpty(Values[index]);

    public string? this[int index] => string.IsNullOrEmpty(Values[index]) ? null : Values[index];
}
