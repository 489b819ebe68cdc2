namespace BulkImport.Core.Clients;

/// <summary>
/// A select-list value an administrator renamed, and when. An import validated before the rename still holds the old
/// text in its staged rows; its commit writes the new one (<see cref="Imports.Commit.SelectListRelabel"/>), as the rename
/// relabelled the records already stored.
/// </summary>
public sealed class SelectListValueRename
{
    public int Id { get; set; }
    public required string Field { get; set; }
    public required string OldValue { get; set; }
    public required string NewValue { get; set; }
    public DateTime RenamedAt { get; set; }
}
