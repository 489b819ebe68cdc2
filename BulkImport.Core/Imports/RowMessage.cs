namespace BulkImport.Core.Imports;

/// <summary>
/// One message of a row, next to its cell (Column null when it is about the whole row). An error keeps the row from
/// being imported; a warning (<paramref name="IsWarning"/>) only points at something the operator should look at,
/// such as replacement characters or a "N/A" imported as text, and the row stays valid.
/// </summary>
public sealed record RowMessage(string? Column, string Message, string? Code = null, bool IsWarning = false);
