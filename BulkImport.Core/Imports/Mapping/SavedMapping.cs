namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// A saved column mapping, a "Card Template" in the source article's words (SPEC 16): for one domain, which template column
/// each file column of a partner's file feeds (null: ignored). Chosen at upload, it maps a file whose header it covers
/// without stopping for a person.
/// </summary>
public sealed class SavedMapping
{
    /// <summary>The longest name a Card Template may have.</summary>
    public const int NameMaxLength = 100;

    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The name trimmed and upper-cased: names are unique per domain ignoring case, on every engine.</summary>
    public required string NormalizedName { get; set; }

    public Domain Domain { get; set; }

    /// <summary>File column (as its header reads) → template column, or null to ignore it.</summary>
    public Dictionary<string, string?> Columns { get; set; } = [];

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The key a name is unique by within its domain.</summary>
    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
