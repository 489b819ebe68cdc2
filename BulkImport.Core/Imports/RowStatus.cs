namespace BulkImport.Core.Imports;

/// <summary>
/// The state of one data row (SPEC section 4). Before the commit a row is Valid, Error or Skipped;
/// the commit turns a Valid row into Success or Failed.
/// </summary>
public enum RowStatus
{
    Valid,
    Error,
    Skipped,
    Success,
    Failed,
}

/// <summary>What a valid row does when committed.</summary>
public enum RowAction
{
    None,
    Insert,
    Update,
}
