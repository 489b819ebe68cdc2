namespace BulkImport.Core.Csv;

/// <summary>
/// Records as <see cref="CsvRowReader"/> reads them, whatever the file: CSV parsed by CsvHelper, or the rows of a
/// workbook's sheet (SPEC 17). Cells are handed over as UTF-8 bytes, one record at a time; row numbering, blank
/// rows, the header, limits and every later step are the row reader's, so they are the same for both.
/// </summary>
internal interface IRecordSource : IDisposable
{
    /// <summary>Moves to the next record; false at the end. Throws <see cref="CsvFileException"/> when the rest cannot be read.</summary>
    bool Read();

    /// <summary>Cells of the current record.</summary>
    int FieldCount { get; }

    /// <summary>The first physical line of the current record (a sheet's row number for a workbook).</summary>
    long LineNumber { get; }

    /// <summary>Bytes the current record takes in the file, for the per-row cap.</summary>
    int RecordLength { get; }

    /// <summary>Line breaks inside the current record (quoted values over several lines); 0 for a sheet row.</summary>
    int RecordLineBreaks { get; }

    /// <summary>The separator in use; workbooks report ','.</summary>
    char Separator { get; }

    /// <summary>Cell <paramref name="index"/> of the current record as UTF-8 (quotes removed, not trimmed).</summary>
    ReadOnlySpan<byte> GetSpan(int index);

    /// <summary>
    /// The formula error a cell shows (#N/A, #DIV/0!), "" for a formula whose result was never saved, or null: a CSV
    /// has none, a workbook cell may.
    /// </summary>
    string? ErrorValue(int index);

    /// <summary>
    /// Whether the current record is a row its sheet hides (a filter, or Hide): it is read like any other, as Excel's
    /// own CSV export reads it, and the import says so. A CSV has no hidden rows.
    /// </summary>
    bool Hidden => false;
}
