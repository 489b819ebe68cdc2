using BulkImport.Core.Workbooks;

namespace BulkImport.Core.Csv;

/// <summary>
/// A stored upload opened as CSV for one template: file-level errors and warnings, the columns it has, and its rows
/// streamed one at a time (SPEC section 5). <see cref="Open"/> reads only the bytes check and the first rows;
/// <see cref="Rows"/> reads the file again from the start each time it is enumerated and never holds all rows.
/// </summary>
public sealed class ParsedFile : IDisposable
{
    private readonly string path;
    private readonly CsvLimits limits;
    private readonly SniffResult? sniff;
    private readonly CsvDialect? dialect;
    private readonly HeaderLayout? layout;
    private readonly WorkbookFile? workbook;
    private bool disposed;

    private ParsedFile(string path, CsvLimits limits, SniffResult? sniff, CsvDialect? dialect, HeaderLayout? layout, List<FileMessage> errors, List<FileMessage> warnings,
        WorkbookFile? workbook = null, IReadOnlyList<string>? sheets = null)
    {
        this.path = path;
        this.workbook = workbook;
        Sheets = workbook?.Sheets ?? sheets ?? [];
        SheetName = workbook?.SheetName;
        this.limits = limits;
        this.sniff = sniff;
        this.dialect = dialect;
        this.layout = layout;
        Errors = errors;
        Warnings = warnings;
        Delimiter = dialect?.Separator ?? ',';
        EncodingName = sniff?.EncodingName ?? "";
        PresentColumns = [];
    }

    /// <summary>File-level errors. When there is any, the import fails as a whole and <see cref="Rows"/> must not be called.</summary>
    public IReadOnlyList<FileMessage> Errors { get; }

    /// <summary>File-level warnings: unknown columns ignored, the file read as Windows-1252, a sep= line honoured.</summary>
    public IReadOnlyList<FileMessage> Warnings { get; }

    /// <summary>The separator in use: ',', ';', tab, or what a sep= line named.</summary>
    public char Delimiter { get; }

    /// <summary>The encoding the file was read as ("UTF-8", "UTF-16LE", "Windows-1252", ...).</summary>
    public string EncodingName { get; }

    /// <summary>A workbook's sheets, in workbook order (SPEC 17), also when the workbook was refused for its sheet; empty for a CSV file.</summary>
    public IReadOnlyList<string> Sheets { get; }

    /// <summary>Whether the file is an .xlsx workbook (content decides), read or refused; false for CSV and for files refused before that is known.</summary>
    public bool IsWorkbook { get; private init; }

    /// <summary>The sheet read from a workbook; null for a CSV file.</summary>
    public string? SheetName { get; }

    /// <summary>The template columns present in the file, in template order.</summary>
    public IReadOnlyList<string> PresentColumns { get; private init; }

    /// <summary>The trimmed cells of row 1 as in the file (empty when the file has no header), for column mapping (SPEC 16).</summary>
    public IReadOnlyList<string> HeaderCells { get; private init; } = [];

    /// <summary>The non-blank header cells that feed no template column (and that the column mapping does not ignore), in file order.</summary>
    public IReadOnlyList<string> UnmatchedColumns { get; private init; } = [];

    /// <summary>
    /// Whether every error is one a column mapping may resolve (SPEC 16): a required column missing, or row 1 holding no
    /// template column with none in the rows below either. The file has data rows then; other problems are errors of their own.
    /// </summary>
    public bool ErrorsAreMappable { get; private init; }

    /// <summary>Whether row 1 holds no template column and no header was found below it: row 1 is the header to map (SPEC 16).</summary>
    public bool HeaderHasNoTemplateColumn { get; private init; }

    /// <summary>
    /// Opens a stored upload file (a seekable file on disk) for the given template columns (in template order) and
    /// the columns this operation requires. Problems with the file as a whole end up in <see cref="Errors"/>.
    /// An .xlsx (content decides) is read from <paramref name="sheet"/>, or from its first sheet with data.
    /// </summary>
    /// <param name="mapping">A column mapping by header cell key (<see cref="HeaderLayout.Build"/>), or null to match by the header's names alone.</param>
    public static ParsedFile Open(string path, IReadOnlyList<string> templateColumns, IReadOnlyCollection<string> requiredColumns, CsvLimits limits,
        string? sheet = null, IReadOnlyDictionary<string, string?>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(templateColumns);
        ArgumentNullException.ThrowIfNull(requiredColumns);
        ArgumentNullException.ThrowIfNull(limits);

        var errors = new List<FileMessage>();
        var warnings = new List<FileMessage>();
        var sniff = FileSniffer.Sniff(path, limits);
        if (sniff.Error is not null)
        {
            errors.Add(sniff.Error);
            return new ParsedFile(path, limits, null, null, null, errors, warnings);
        }

        if (sniff.Warning is not null)
        {
            warnings.Add(sniff.Warning);
        }

        // Accepted rather than refused: the file is readable whatever the setting, and a warning is enough for a
        // person (or a script) that sends the same fields with every file to notice (docs/decisions.md).
        if (!sniff.IsWorkbook && !string.IsNullOrWhiteSpace(sheet))
        {
            warnings.Add(CsvMessages.SheetIgnored(sheet.Trim()));
        }

        WorkbookFile? workbook = null;
        if (sniff.IsWorkbook)
        {
            (workbook, var refused) = WorkbookFile.Open(path, sheet, limits, out var sheets);
            if (refused is not null)
            {
                errors.Add(refused);
                return new ParsedFile(path, limits, null, null, null, errors, warnings, sheets: sheets) { IsWorkbook = true };
            }
        }

        var dialect = workbook is null ? CsvDialect.Detect(path, sniff, limits) : new CsvDialect(',', false);
        if (dialect.HasSeparatorLine)
        {
            warnings.Add(CsvMessages.SeparatorLine(dialect.Separator));
        }

        HeaderLayout? layout = null;
        var mappable = new List<FileMessage>();
        var noTemplateColumn = false;
        try
        {
            using var reader = OpenReader(path, sniff, dialect, limits, workbook);
            var header = reader.ReadHeader();
            if (header is null)
            {
                errors.Add(CsvMessages.EmptyFile());
            }
            else
            {
                layout = HeaderLayout.Build(header, templateColumns, requiredColumns, mapping);
                var rows = reader;
                if (layout.TemplateColumnsFound == 0)
                {
                    // Nothing to import under this header: say why row 1 is not the header, rather than listing every
                    // required column as missing and every cell as an unknown column.
                    var (why, rowOneIsTheHeader) = WhyNoHeader(reader, header, templateColumns, requiredColumns, isWorkbook: workbook is not null);
                    errors.Add(why);
                    // A column named twice cannot be mapped by its name: such a row 1 fails as before.
                    var namedTwice = layout.Errors.Any(e => !layout.MissingRequired.Contains(e));
                    if (rowOneIsTheHeader && !namedTwice)
                    {
                        // Mapping may take row 1 as the header; the search below moved the reader, so rows are counted afresh.
                        noTemplateColumn = true;
                        mappable.Add(why);
                        rows = OpenReader(path, sniff, dialect, limits, workbook);
                        rows.ReadHeader();
                    }
                }
                else
                {
                    errors.AddRange(layout.Errors);
                    warnings.AddRange(layout.Warnings);
                    mappable.AddRange(layout.MissingRequired);
                }

                // "No data rows" must be known now, not after streaming; usually this reads one row. A problem that
                // would stop Rows() at that row is a file-level error now as well.
                try
                {
                    if (errors.Count == mappable.Count && !HasDataRow(rows.ReadRows(layout)))
                    {
                        errors.Add(CsvMessages.NoDataRows());
                    }
                }
                finally
                {
                    if (!ReferenceEquals(rows, reader))
                    {
                        rows.Dispose();
                    }
                }
            }
        }
        catch (CsvFileException e)
        {
            errors.Add(e.Problem);
        }

        var present = new List<string>();
        for (var t = 0; layout is not null && t < templateColumns.Count; t++)
        {
            if (layout.Present[t])
            {
                present.Add(templateColumns[t]);
            }
        }

        return new ParsedFile(path, limits, sniff, dialect, layout, errors, warnings, workbook)
        {
            IsWorkbook = workbook is not null,
            PresentColumns = present,
            HeaderCells = layout?.Cells ?? [],
            UnmatchedColumns = layout is null ? [] : [.. layout.UnmatchedCells],
            ErrorsAreMappable = errors.Count > 0 && errors.Count == mappable.Count,
            HeaderHasNoTemplateColumn = noTemplateColumn,
        };
    }

    /// <summary>
    /// Streams the rows under the header; never holds them all. Trailing blank lines at the very end are not rows.
    /// Throws <see cref="CsvFileException"/> when the file turns out to be unreadable part-way.
    /// </summary>
    public IEnumerable<ParsedRow> Rows()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Errors.Count > 0 || sniff is null || dialect is null || layout is null)
        {
            throw new InvalidOperationException("The file has file-level errors; its rows cannot be read.");
        }

        return Stream(sniff, dialect, layout);
    }

    /// <summary>
    /// Each enumeration of <see cref="Rows"/> owns its own reader; a workbook's package (and its shared strings, read
    /// once) stays open until the file is disposed.
    /// </summary>
    public void Dispose()
    {
        disposed = true;
        workbook?.Dispose();
    }

    private IEnumerable<ParsedRow> Stream(SniffResult sniff, CsvDialect dialect, HeaderLayout layout)
    {
        using var reader = OpenReader(path, sniff, dialect, limits, workbook);
        reader.ReadHeader();
        foreach (var row in reader.ReadRows(layout))
        {
            yield return row;
        }
    }

    /// <summary>The seam of SPEC 17: a workbook's sheet gives its records to the same row reader as CSV.</summary>
    private static CsvRowReader OpenReader(string path, SniffResult sniff, CsvDialect dialect, CsvLimits limits, WorkbookFile? workbook) =>
        workbook is null ? new CsvRowReader(path, sniff, dialect, limits) : new CsvRowReader(workbook.OpenRows(), limits);

    /// <summary>How many records under row 1 are searched for the real header (a title, notes, an export date above it).</summary>
    private const int HeaderSearchRows = 50;

    /// <summary>
    /// Row 1 holds no template column: the header is further down (a preamble), the columns are separated by
    /// something we do not read as a separator (spaces, '|'), or row 1 is simply not a header.
    /// </summary>
    /// <param name="isWorkbook">
    /// A workbook's cells are its columns: one cell reading "Student Number" or "a|b" is one column's name, not columns
    /// run together, so the separator guesses are for CSV only and such a sheet goes to mapping like any other.
    /// </param>
    /// <returns>The message, and whether it says that row 1 holds no template column (nor any row below it): row 1 is then the header to map.</returns>
    private static (FileMessage Why, bool RowOneIsTheHeader) WhyNoHeader(CsvRowReader reader, string[] header, IReadOnlyList<string> templateColumns,
        IReadOnlyCollection<string> requiredColumns, bool isWorkbook)
    {
        var cells = header.Where(c => !HeaderName.IsBlank(c)).ToList();
        if (reader.FindHeaderBelow(templateColumns, HeaderSearchRows) is { } below)
        {
            return (CsvMessages.HeaderFurtherDown(below.Row, below.Line, below.Names), false);
        }

        if (cells.Count == 1 && !isWorkbook)
        {
            var cell = cells[0];
            if (cell.Contains('|', StringComparison.Ordinal) && cell.Split('|', StringSplitOptions.RemoveEmptyEntries).Length > 1)
            {
                return (CsvMessages.UnsupportedSeparator(cell, "vertical bars (|)"), false);
            }

            if (cell.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 1)
            {
                return (CsvMessages.UnsupportedSeparator(cell, "spaces"), false);
            }
        }

        return (CsvMessages.NoTemplateColumnInHeader(cells, requiredColumns), true);
    }

    private static bool HasDataRow(IEnumerable<ParsedRow> rows)
    {
        foreach (var row in rows)
        {
            if (row.Kind == ParsedRowKind.Data)
            {
                return true;
            }
        }

        return false;
    }
}
