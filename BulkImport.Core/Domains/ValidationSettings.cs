using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>What a row validator needs to know about the import it validates.</summary>
public sealed record ValidationSettings(Operation Operation, IReadOnlyList<string> PresentColumns, DateOnly Today);
