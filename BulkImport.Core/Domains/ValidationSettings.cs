using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>What a row validator needs to know about the import it validates.</summary>
/// <param name="EnrollmentDateDefault">The Batch Date a blank Enrollment Date takes (SPEC 15), when the upload asked for it.</param>
public sealed record ValidationSettings(Operation Operation, IReadOnlyList<string> PresentColumns, DateOnly Today, DateOnly? EnrollmentDateDefault = null);
