using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>
/// What a committer needs to know about the import it commits; records carry <paramref name="ImportId"/> as their
/// lineage. Update rows keep before-images (SPEC 21) unless <paramref name="KeepBeforeImages"/> is off, which only the
/// benchmark does (Commit:KeepBeforeImages), to measure their cost in the same run; such an import's updates cannot be undone.
/// </summary>
public sealed record CommitSettings(Operation Operation, bool AutoCreateInvoices, DateOnly CommitDay, int ImportId = 0, bool KeepBeforeImages = true);
