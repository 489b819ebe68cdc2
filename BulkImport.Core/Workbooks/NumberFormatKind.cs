namespace BulkImport.Core.Workbooks;

/// <summary>What a number format shows, as far as the importer cares.</summary>
internal enum NumberFormatKind
{
    General,
    Text,
    Pattern,
    Date,
    Time,
    DateTime,
}
