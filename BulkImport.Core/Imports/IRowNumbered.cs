namespace BulkImport.Core.Imports;

/// <summary>Anything kept per row of an import, in row order (staged rows, commit results): what a page of rows is found by.</summary>
public interface IRowNumbered
{
    int RowNumber { get; }
}
