namespace BulkImport.Core.Domains;

/// <summary>
/// A template column whose values come from a select list, and where the domain's records store it
/// (<paramref name="Table"/>.<paramref name="StoredColumn"/>), so renaming a value can relabel the records that hold it.
/// </summary>
public sealed record SelectListField(string Column, string Table, string StoredColumn);
