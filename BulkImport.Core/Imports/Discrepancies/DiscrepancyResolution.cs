namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>What a person decided about a possible duplicate ("Select" or "New Person" in the seed's words).</summary>
public enum DiscrepancyResolution
{
    /// <summary>The row is the chosen existing client: it becomes an Update of that client (its non-blank cells overwrite).</summary>
    Select,
    /// <summary>The row is a new person: it stays an Insert.</summary>
    NewPerson,
}
