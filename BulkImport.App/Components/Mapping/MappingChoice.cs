namespace BulkImport.App.Components.Mapping;

/// <summary>A person's column mapping from the mapping screen, and the Card Template name to save it as (null: not saved).</summary>
public sealed record MappingChoice(Dictionary<string, string?> Columns, string? SaveAs);
