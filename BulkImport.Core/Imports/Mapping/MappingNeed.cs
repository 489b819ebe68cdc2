using BulkImport.Core.Csv;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>When an import stops at AwaitingMapping after its header was read (SPEC 16), and when SPEC 5 holds as before.</summary>
public static class MappingNeed
{
    /// <summary>
    /// Why the file's columns must be mapped first, or null when it is read as it is (its errors, if any, fail it):
    /// row 1 holds no template column (nor do the 50 rows below); a required column is missing and some file column
    /// matches no template column; or the upload asked for mapping and some file column matches none.
    /// </summary>
    public static MappingReason? Of(ParsedFile file, bool mapColumns)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.UnmatchedColumns.Count == 0 || (file.Errors.Count > 0 && !file.ErrorsAreMappable))
        {
            return null;
        }

        if (file.HeaderHasNoTemplateColumn)
        {
            return MappingReason.RowOneTakenAsHeader;
        }

        if (file.Errors.Count > 0)
        {
            return MappingReason.RequiredColumnMissing;
        }

        return mapColumns ? MappingReason.Requested : null;
    }
}
