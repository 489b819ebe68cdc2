namespace BulkImport.Core.Imports;

/// <summary>Filters of the history.</summary>
public sealed record ImportFilter(ImportStatus? Status = null, Domain? Domain = null, string? CreatedBy = null, bool InProgressOnly = false, string? Search = null);
