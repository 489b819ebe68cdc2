namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>A discrepancy with the row's current values (the new submission data), as "View Discrepancies" shows it.</summary>
public sealed record DiscrepancyView(Discrepancy Discrepancy, string?[] Values);
