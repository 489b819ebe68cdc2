namespace BulkImport.Core.Clients;

/// <summary>One value of a select list as an administrator sees it.</summary>
public sealed record SelectListEntry(int Id, string Field, string Value, bool Retired, int SortOrder)
{
    public static SelectListEntry From(SelectListValue v) => new(v.Id, v.Field, v.Value, v.Retired, v.SortOrder);
}
