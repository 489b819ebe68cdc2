namespace BulkImport.Core.Csv;

/// <summary>One row under the header, numbered as a spreadsheet shows it, with its values aligned to the template.</summary>
public sealed class ParsedRow
{
    /// <summary>Header = 1, first data record = 2; a quoted multi-line field is still one row; blank lines count.</summary>
    public required int RowNumber { get; init; }

    /// <summary>First physical line of the row in the file (1-based).</summary>
    public required int FirstLine { get; init; }

    /// <summary>Last physical line of the row; more than <see cref="FirstLine"/> when a quoted value spans lines.</summary>
    public required int LastLine { get; init; }

    /// <summary>Data, or Blank (every cell blank).</summary>
    public required ParsedRowKind Kind { get; init; }

    /// <summary>
    /// Aligned with the template columns passed to <see cref="ParsedFile.Open"/>: null when the column is absent from
    /// the file, otherwise the trimmed value ("" when blank or when the row is short).
    /// </summary>
    public required string?[] Values { get; init; }

    /// <summary>A workbook row its sheet hides (a filter, or Hide): read like the others, and said once for the import.</summary>
    public bool Hidden { get; init; }

    /// <summary>
    /// Row-level structural problems: a field count that differs from the header, a cell over
    /// <see cref="CsvLimits.MaxFieldChars"/>, a control character. Column is null when it is about the whole row.
    /// </summary>
    public List<FileMessage> Problems { get; } = [];
}
