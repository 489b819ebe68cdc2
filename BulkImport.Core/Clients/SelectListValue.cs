namespace BulkImport.Core.Clients;

/// <summary>One allowed value of a select-list field (SPEC section 2). A retired value fails validation in later imports.</summary>
public sealed class SelectListValue
{
    public int Id { get; set; }
    public required string Field { get; set; }
    public required string Value { get; set; }
    public bool Retired { get; set; }
    public int SortOrder { get; set; }
}
