using BulkImport.Core.Imports.Mapping;

namespace BulkImport.Core.Imports;

/// <summary>
/// The column mapping of an import (SPEC 16): what the upload asked for, the mapping its columns are read with, and the
/// two status changes it brings, decided by the import like every other (<c>ImportLifecycle.cs</c>).
/// </summary>
public sealed partial class Import
{
    private MappingReason? _mappingReason;

    /// <summary>The upload asked to map the file's columns whenever some match no template column (<c>mapColumns</c>, "Map columns").</summary>
    public bool MapColumns { get; set; }

    /// <summary>
    /// File column (as its header reads) → template column, or null for a column to ignore; null when the file is read
    /// by its header alone. Set at upload from a saved mapping (<c>mappingId</c>), then by the person who maps the columns.
    /// </summary>
    public Dictionary<string, string?>? ColumnMapping { get; set; }

    /// <summary>The Card Template (saved mapping) the columns were mapped with or saved as; null when none.</summary>
    public string? MappingName { get; set; }

    /// <summary>Why the import waited (or waits) for its columns to be mapped; null when it never did.</summary>
    public MappingReason? MappingReason { get => _mappingReason; init => _mappingReason = value; }

    /// <summary>The header was read and its columns must be mapped before the rows are: the import waits for a person.</summary>
    public void AwaitMapping(MappingReason reason)
    {
        if (_status == ImportStatus.Cancelled)
        {
            return;
        }

        Require(ImportStatus.Validating, "wait for its columns to be mapped");
        _status = ImportStatus.AwaitingMapping;
        _mappingReason = reason;
    }

    /// <summary>A person mapped the columns: the file is read again with <paramref name="columns"/> and validated.</summary>
    public void ApplyMapping(Dictionary<string, string?> columns, string? mappingName)
    {
        if (_status != ImportStatus.AwaitingMapping)
        {
            throw ImportProblem.Conflict($"Import {Id} is {_status}: its columns can be mapped only while it is AwaitingMapping, after its header was read.");
        }

        ColumnMapping = columns;
        MappingName = mappingName ?? MappingName;
        _status = ImportStatus.Validating;
    }
}
