namespace BulkImport.Core.Clients;

/// <summary>The outcome of renaming a select-list value: the value now, its old text, and how many stored records were relabelled.</summary>
public sealed record SelectListRename(SelectListEntry Entry, string OldValue, int RecordsUpdated);
