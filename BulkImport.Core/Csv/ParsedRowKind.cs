namespace BulkImport.Core.Csv;

/// <summary>Whether a row holds data, or is blank (nothing, or only delimiters and white space) and so is skipped.</summary>
public enum ParsedRowKind
{
    /// <summary>At least one cell is not blank.</summary>
    Data,

    /// <summary>Every cell is blank; the row keeps its number so later rows still match the spreadsheet.</summary>
    Blank,
}
