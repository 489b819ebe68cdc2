using BulkImport.Core.Csv;
using BulkImport.Core.Workbooks;

namespace BulkImport.Core.Imports.Staging;

/// <summary>
/// The rows a workbook's sheet hides (a filter, or Hide), noted as the file is read: how many, and the first few to
/// name. They are imported like every other row, as Excel's own Save As CSV keeps them; an operator who filtered the
/// sheet down to "the rows to import" is told once, on the import, instead of finding the others committed (an outside
/// audit of messy files).
/// </summary>
internal sealed class HiddenRows
{
    private const int Named = 5;
    private readonly List<int> _first = new(Named);
    private int _count;

    public void Note(ParsedRow row)
    {
        if (!row.Hidden)
        {
            return;
        }

        if (++_count <= Named)
        {
            _first.Add(row.RowNumber);
        }
    }

    /// <summary>The file warning to add, or null when no row was hidden.</summary>
    public string? Warning(string? sheet) => _count == 0 ? null : WorkbookMessages.HiddenRows(_count, _first, sheet).Message;
}
