namespace BulkImport.Core.Imports.Mapping;

/// <summary>Why an import stopped at <see cref="ImportStatus.AwaitingMapping"/> (SPEC 16); the mapping screen says it in words.</summary>
public enum MappingReason
{
    /// <summary>A required column is missing and the file has columns that match no template column (one of them may be it).</summary>
    RequiredColumnMissing,

    /// <summary>The upload asked for it (<c>mapColumns=true</c>, the wizard's "Map columns") and the file has unmatched columns.</summary>
    Requested,

    /// <summary>Neither row 1 nor the 50 rows below it hold a template column: row 1 was taken as the header to map.</summary>
    RowOneTakenAsHeader,
}
