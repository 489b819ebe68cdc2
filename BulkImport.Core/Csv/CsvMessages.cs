using System.Globalization;

namespace BulkImport.Core.Csv;

/// <summary>
/// Every text the CSV reader shows, in one place so the wording stays consistent. Each says what is wrong and what
/// to do; rows are numbered as a spreadsheet shows them, physical lines are added where they differ.
/// </summary>
internal static class CsvMessages
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string SaveAsCsv = "save it as CSV (Comma delimited) and upload again";

    public static FileMessage EmptyFile() =>
        new("File is empty: it has no header row and no data. Check that you chose the right file and upload it again.");

    public static FileMessage NoDataRows() =>
        new("The file has no data rows. Add at least one row under the header and upload it again.");


    public static FileMessage Binary(int line) =>
        new($"This is not a CSV text file: it contains binary data (NUL bytes), the first on line {line.ToString(Invariant)}. Open it in Excel and {SaveAsCsv}.");

    public static FileMessage UnsupportedEncoding(int line) =>
        new($"Unsupported encoding; save as UTF-8. The file is neither UTF-8 nor Western European (Windows-1252) text: line {line.ToString(Invariant)} "
            + "holds letters of another encoding (Korean, Chinese, Japanese, Cyrillic or Greek, for example), which would be imported as garbage. "
            + "In Excel choose Save As > CSV UTF-8 (Comma delimited) and upload again.");

    public static FileMessage TooLarge(long size, long limit) =>
        new($"The file is {Size(size)}; the limit is {Size(limit)}. Split it into smaller files and upload them one by one.");

    public static FileMessage BlankHeaderRow() =>
        new("Row 1 is blank, but it must hold the column names. Delete the empty rows above the header and upload again.");

    public static FileMessage DuplicateColumn(string name, IReadOnlyList<int> positions) =>
        new($"Column '{name}' appears at positions {List(positions)}. Keep only one of them and upload again.", 1, name);

    /// <summary>
    /// Header cells with different names that a column mapping (SPEC 16) made one template column: named as the file
    /// writes them, since the template column's name may be none of them.
    /// </summary>
    public static FileMessage SameTemplateColumn(string column, IReadOnlyList<(string Header, int Position)> cells)
    {
        var named = cells.Select(c => $"'{c.Header}' (column {c.Position.ToString(Invariant)})").ToList();
        var both = cells.Count == 2;
        return new($"{string.Join(", ", named.Take(named.Count - 1))} and {named[^1]} are {(both ? "both" : "all")} the template column {column}; "
            + $"remove {(both ? "one of them" : "all but one of them")}, or map {(both ? "one" : "the others")} to another column, and upload again.", 1, column);
    }

    public static FileMessage MissingRequiredColumn(string name) =>
        new($"Required column '{name}' is missing. Add it to the header row (see the template for the names) and upload again.", 1, name);

    public static FileMessage UnknownColumn(string name, string? suggestion) =>
        new($"Column '{name}' is not in the template and was ignored." + (suggestion is null ? "" : $" Did you mean '{suggestion}'? Rename the column and upload again to import it."), 1, name);

    public static FileMessage HeaderFurtherDown(int row, int line, IReadOnlyList<string> names) =>
        new($"Header not found on line 1: the column names ({Quoted(names, 4)}) are on row {row.ToString(Invariant)}{LinePart(row, line)}. "
            + $"Delete the {Count(row - 1, "row")} above them so that the header is row 1, and upload again.", 1);

    public static FileMessage NoTemplateColumnInHeader(IReadOnlyList<string> cells, IReadOnlyCollection<string> required) =>
        new($"Header not found on line 1: none of its cells ({Quoted(cells, 4)}) is a column of the template. Row 1 must hold the column names"
            + (required.Count == 0 ? "" : $" (this import needs {Quoted([.. required], required.Count)})")
            + "; download the template to see them, fix row 1 and upload again.", 1);

    public static FileMessage UnsupportedSeparator(string headerCell, string separatorName) =>
        new($"The columns seem to be separated by {separatorName}: row 1 is a single column '{Shorten(headerCell)}'. "
            + "Only commas, semicolons and tabs separate columns; save the file as CSV (Comma delimited) and upload again.", 1);

    public static FileMessage RepeatsHeader(int row, int firstLine, int lastLine) =>
        new($"Row {row.ToString(Invariant)} repeats the header (the column names){LineRange(row, firstLine, lastLine)}; it is not data. Skip this row, or delete it from the file.", row);

    public static FileMessage SecondTable(int row, int line, string why) =>
        new($"Row {row.ToString(Invariant)}{LinePart(row, line)} starts a second table: {why}. A file must hold one table under one header row; "
            + "split it into separate files and upload them one by one.", row);

    public static FileMessage BackslashQuotes(int row, int firstLine, int lastLine) =>
        new($"Row uses backslash-escaped quotes (\\\"), which CSV does not have, so its values may be split in the wrong places{LineRange(row, firstLine, lastLine)}. "
            + "Inside a quoted value write a quote as two quotes (\"\"), or fix the cells here.", row);

    public static FileMessage ReadAsWindows1252(int line) =>
        new($"The file is not valid UTF-8 (the first invalid byte is on line {line.ToString(Invariant)}), so it was read as Windows-1252 (Western European). If letters look wrong, save it as CSV UTF-8 and upload again.");

    public static FileMessage InvalidUtf8WithBom(int line) =>
        new($"The file says it is UTF-8 but holds bytes that are not (the first on line {line.ToString(Invariant)}); they show as \uFFFD. If letters look wrong, save it as CSV UTF-8 and upload again.");

    public static FileMessage SeparatorLine(char separator) =>
        new($"The first line 'sep={Show(separator)}' was read as Excel's separator setting ({SeparatorName(separator)}), not as data; the header is on the next line and counts as row 1.");

    public static FileMessage SheetIgnored(string sheet) =>
        new($"This is a CSV file; the sheet setting ('{sheet}') was ignored. A CSV file has no sheets, so the whole file was read; leave the sheet empty for CSV files.");

    public static FileMessage ValueUnderBlankHeader(int row, int line, int position) =>
        new($"Row {row}{LinePart(row, line)} has a value in column {position} ({ColumnLetters(position)}), which has no header. "
            + "Add a column name in row 1 or delete the values in that column, then upload again.", row);

    public static FileMessage UnterminatedQuote(int row, int line, string? column) =>
        new($"Unterminated quote: the quoted value{ColumnPart(column)} that opens on row {row} (line {line}) never closes. "
            + "Check for a missing closing quote (\") and upload again.", row, column);

    public static FileMessage RunawayQuote(int row, int line, int limitBytes) =>
        new($"Unterminated quote: row {row} (line {line}) runs past {Size(limitBytes)}, the limit for one row, so a quoted value that opens on it probably never closes. "
            + "Check for a missing closing quote (\") and upload again.", row);

    public static FileMessage RecordTooLong(int row, int line, int length, int limitBytes) =>
        new($"Row {row}{LinePart(row, line)} is {Size(length)} long; the limit for one row is {Size(limitBytes)}. Shorten its values and upload again.", row);

    public static FileMessage TooManyRows(int limit, int row) =>
        new($"The file has more than {limit.ToString("N0", Invariant)} data rows, the limit for one import. "
            + $"Split it into files of at most {limit.ToString("N0", Invariant)} rows and upload them one by one.", row);

    public static FileMessage FieldCount(int row, int fields, int headerFields, int firstLine, int lastLine) =>
        new($"Row has {Count(fields, "field")}; the header has {headerFields.ToString("N0", Invariant)}{LineRange(row, firstLine, lastLine)}", row);

    /// <summary>A workbook row wider than its header: SPEC 5's words, then the cell and what to do.</summary>
    public static FileMessage ValueRightOfHeader(int row, int fields, int headerFields, int position) =>
        new($"Row has {Count(fields, "field")}; the header has {headerFields.ToString("N0", Invariant)}: cell {ColumnLetters(position)}{row.ToString(Invariant)} "
            + "holds a value right of the header, in a column with no name. Delete it, or give its column a name in row 1, and upload again; or skip this row.", row);

    public static FileMessage TooLongValue(int row, string column, int length, int limit) =>
        new($"Value is {length.ToString("N0", Invariant)} characters long; the limit is {limit.ToString("N0", Invariant)}", row, column);

    public static FileMessage ControlCharacter(int row, string column, char c) =>
        new($"Value contains an invisible control character (U+{(int)c:X4}); delete it", row, column);

    /// <summary>Spreadsheet column letters: 1 = A, 27 = AA.</summary>
    public static string ColumnLetters(int position)
    {
        var letters = string.Empty;
        for (var n = position; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>A byte count as Windows shows it (binary units, one decimal).</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", Invariant) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", Invariant) + " KB",
        _ => Count(bytes, "byte"),
    };

    private static string Count(long n, string noun) => n.ToString("N0", Invariant) + " " + noun + (n == 1 ? "" : "s");

    private static string List(IReadOnlyList<int> positions) =>
        positions.Count == 1 ? positions[0].ToString(Invariant)
        : string.Join(", ", positions.Take(positions.Count - 1)) + " and " + positions[^1].ToString(Invariant);

    // A row that spans lines, or any row after a sep= line or a multi-line value, sits on another line than its number.
    private static string LinePart(int row, int line) => row == line ? "" : $" (line {line})";

    // " (line 7 of the file)" or " (lines 7-8 of the file)" when the row does not sit on the line of its number.
    private static string LineRange(int row, int firstLine, int lastLine) =>
        firstLine == row && lastLine == row ? ""
        : firstLine == lastLine ? $" (line {firstLine.ToString(Invariant)} of the file)"
        : $" (lines {firstLine.ToString(Invariant)}-{lastLine.ToString(Invariant)} of the file)";

    private static string Quoted(IReadOnlyList<string> names, int max) =>
        string.Join(", ", names.Take(max).Select(n => $"'{Shorten(n)}'")) + (names.Count > max ? $" and {(names.Count - max).ToString(Invariant)} more" : "");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string ColumnPart(string? column) => column is null ? "" : $" in column '{column}'";

    private static string Show(char c) => c == '\t' ? "\\t" : c.ToString();

    private static string SeparatorName(char c) => c switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "vertical bar",
        _ => $"'{c}'",
    };
}
