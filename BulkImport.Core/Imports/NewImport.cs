namespace BulkImport.Core.Imports;

/// <summary>
/// A request to start an import from an uploaded file. <paramref name="Sheet"/> is the sheet of an .xlsx to read (SPEC 17);
/// <paramref name="MapColumns"/> asks to map the file's columns when some match no template column; <paramref name="Mapping"/>
/// is the Card Template chosen at upload (SPEC 16).
/// </summary>
public sealed record NewImport(ImportFiles.StoredFile File, string FileName, Domain Domain, Operation Operation, bool AutoCreateInvoices, string? Name, string User, bool NotifyMe = true, bool FromWatchedFolder = false,
    string? Sheet = null, bool MapColumns = false, Mapping.SavedMapping? Mapping = null);
