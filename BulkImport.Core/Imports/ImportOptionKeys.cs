namespace BulkImport.Core.Imports;

/// <summary>
/// The upload options an import stores in a column of its own (<see cref="Import.AutoCreateInvoices"/>): the summary
/// and the results file expose them by these names (SPEC sections 10 and 12). Domains offer them through
/// <see cref="Domains.DomainOption"/>.
/// </summary>
public static class ImportOptionKeys
{
    public const string AutoCreateInvoices = "autoCreateInvoices";
    public const string UseBatchDateAsEnrollmentDate = "useBatchDateAsEnrollmentDate";
}
