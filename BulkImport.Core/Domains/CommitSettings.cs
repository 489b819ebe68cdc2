using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>What a committer needs to know about the import it commits; records carry <paramref name="ImportId"/> as their lineage.</summary>
public sealed record CommitSettings(Operation Operation, bool AutoCreateInvoices, DateOnly CommitDay, int ImportId = 0);
