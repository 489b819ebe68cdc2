namespace BulkImport.Core.Imports;

/// <summary>A request to start an import from an uploaded file.</summary>
public sealed record NewImport(ImportFiles.StoredFile File, string FileName, Domain Domain, Operation Operation, bool AutoCreateInvoices, string? Name, string User, bool NotifyMe = true, bool FromWatchedFolder = false, string? Sheet = null);
