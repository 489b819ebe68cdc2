namespace BulkImport.Core.Imports;

/// <summary>
/// A request to start an import from an uploaded file. <see cref="CheckDuplicates"/> defaults to on (SPEC 14); a
/// watched folder's default is off; <see cref="BatchDate"/> defaults to the day of the upload (SPEC 15).
/// <paramref name="Sheet"/> is the sheet of an .xlsx to read (SPEC 17); <paramref name="MapColumns"/> asks to map the
/// file's columns when some match no template column; <paramref name="Mapping"/> is the Card Template chosen at upload (SPEC 16);
/// <paramref name="FixesImportId"/> is the import whose rows this file corrects (SPEC 20).
/// </summary>
public sealed record NewImport(ImportFiles.StoredFile File, string FileName, Domain Domain, Operation Operation, bool AutoCreateInvoices, string? Name, string User, bool NotifyMe = true, bool FromWatchedFolder = false,
    bool CheckDuplicates = true, DateOnly? BatchDate = null, bool UseBatchDateAsEnrollmentDate = false, string? Sheet = null, bool MapColumns = false, Mapping.SavedMapping? Mapping = null,
    int? FixesImportId = null);
