using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>What a committer needs to know about the import it commits.</summary>
public sealed record CommitSettings(Operation Operation, bool AutoCreateInvoices, DateOnly CommitDay);
