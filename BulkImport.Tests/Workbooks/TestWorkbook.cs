using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BulkImport.Tests.Workbooks;

/// <summary>One cell of a test workbook, as a spreadsheet program writes it.</summary>
public abstract record TestCell
{
    /// <summary>Text in the shared string table, as Excel saves it.</summary>
    public static TestCell Text(string value) => new TextCell(value, InCell: false);

    /// <summary>Text in the cell itself (inlineStr), as some exporters write it.</summary>
    public static TestCell Inline(string value) => new TextCell(value, InCell: true);

    /// <summary>A number, with a format code (custom) or a built-in format id.</summary>
    public static TestCell Number(double value, string? format = null, uint? builtInFormat = null) => new NumberCell(value, format, builtInFormat);

    /// <summary>A date as Excel stores it: a serial number in a date format.</summary>
    public static TestCell Date(DateOnly date, string format = "m/d/yyyy") => new NumberCell(date.DayNumber - new DateOnly(1899, 12, 30).DayNumber, format, null);

    /// <summary>A date cell of ISO 8601 text (t="d"), as strict Open XML writers store dates, with a format code.</summary>
    public static TestCell IsoDate(string iso, string format) => new IsoDateCell(iso, format);

    /// <summary>A formula with the value Excel cached when it last calculated.</summary>
    public static TestCell Formula(string formula, double cached, string? format = null) => new FormulaCell(formula, cached.ToString(System.Globalization.CultureInfo.InvariantCulture), null, format);

    /// <summary>A formula whose cached result is text.</summary>
    public static TestCell Formula(string formula, string cachedText) => new FormulaCell(formula, cachedText, CellValues.String, null);

    /// <summary>A formula that failed: its cached value is the error (#N/A, #DIV/0!).</summary>
    public static TestCell Error(string formula, string error) => new FormulaCell(formula, error, CellValues.Error, null);

    /// <summary>A formula with no cached value, as scripts and libraries that do not calculate write it.</summary>
    public static TestCell Uncalculated(string formula) => new FormulaCell(formula, null, null, null);

    /// <summary>A boolean cell (t="b"), as Excel stores TRUE and FALSE typed into a cell.</summary>
    public static TestCell Boolean(bool value) => new BooleanCell(value);

    public static implicit operator TestCell(string value) => Text(value);

    internal sealed record TextCell(string Value, bool InCell) : TestCell;

    internal sealed record NumberCell(double Value, string? Format, uint? BuiltIn) : TestCell;

    internal sealed record FormulaCell(string Expression, string? Cached, CellValues? Type, string? Format) : TestCell;

    internal sealed record IsoDateCell(string Iso, string Format) : TestCell;

    internal sealed record BooleanCell(bool Value) : TestCell;
}

/// <summary>
/// Writes real .xlsx files for tests with DocumentFormat.OpenXml (the SDK Office itself documents): several sheets,
/// shared and inline strings, number formats, formulas with cached values, merged cells, hidden sheets.
/// </summary>
public sealed class TestWorkbook
{
    private readonly List<TestSheet> sheets = [];

    public TestSheet Sheet(string name, bool hidden = false)
    {
        var sheet = new TestSheet(name, hidden);
        sheets.Add(sheet);
        return sheet;
    }

    public byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        Save(memory);
        return memory.ToArray();
    }

    public string SaveTo(string folder, string fileName = "book.xlsx")
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, ToBytes());
        return path;
    }

    private void Save(Stream stream)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook(new Sheets());
        var sharedStrings = new List<string>();
        var formats = new List<string>();
        var styles = new List<uint>(); // numFmtId per cellXfs entry, after the default one
        uint StyleOf(string? format, uint? builtIn)
        {
            uint id;
            if (builtIn is { } b)
            {
                id = b;
            }
            else if (format is null)
            {
                return 0;
            }
            else
            {
                var at = formats.IndexOf(format);
                if (at < 0)
                {
                    formats.Add(format);
                    at = formats.Count - 1;
                }

                id = (uint)(164 + at);
            }

            var style = styles.IndexOf(id);
            if (style < 0)
            {
                styles.Add(id);
                style = styles.Count - 1;
            }

            return (uint)style + 1;
        }

        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var (rowNumber, cells) in sheet.Rows.OrderBy(r => r.Key))
            {
                var row = new Row { RowIndex = (uint)rowNumber, Hidden = sheet.HiddenRows.Contains(rowNumber) ? true : null };
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c] is not { } cell)
                    {
                        continue;
                    }

                    var reference = Column(c) + rowNumber;
                    row.Append(cell switch
                    {
                        TestCell.TextCell { InCell: true } t => new Cell(new InlineString(new Text(t.Value))) { CellReference = reference, DataType = CellValues.InlineString },
                        TestCell.TextCell t => new Cell(new CellValue(Shared(sharedStrings, t.Value))) { CellReference = reference, DataType = CellValues.SharedString },
                        TestCell.NumberCell n => new Cell(new CellValue(n.Value)) { CellReference = reference, StyleIndex = StyleOf(n.Format, n.BuiltIn) },
                        TestCell.IsoDateCell d => new Cell(new CellValue(d.Iso)) { CellReference = reference, DataType = CellValues.Date, StyleIndex = StyleOf(d.Format, null) },
                        TestCell.BooleanCell b => new Cell(new CellValue(b.Value ? "1" : "0")) { CellReference = reference, DataType = CellValues.Boolean },
                        TestCell.FormulaCell { Cached: null } f => new Cell(new CellFormula(f.Expression)) { CellReference = reference },
                        TestCell.FormulaCell f => new Cell(new CellFormula(f.Expression), new CellValue(f.Cached)) { CellReference = reference, DataType = f.Type, StyleIndex = StyleOf(f.Format, null) },
                        _ => throw new InvalidOperationException(),
                    });
                }

                data.Append(row);
            }

            var worksheet = new Worksheet(data);
            if (sheet.Merges.Count > 0)
            {
                worksheet.Append(new MergeCells(sheet.Merges.Select(m => new MergeCell { Reference = m })));
            }

            part.Worksheet = worksheet;
            workbookPart.Workbook.Sheets!.Append(new Sheet
            {
                Name = sheet.Name,
                SheetId = sheetId++,
                Id = workbookPart.GetIdOfPart(part),
                State = sheet.Hidden ? SheetStateValues.Hidden : null,
            });
        }

        var stringsPart = workbookPart.AddNewPart<SharedStringTablePart>();
        stringsPart.SharedStringTable = new SharedStringTable(sharedStrings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        var cellFormats = new CellFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 });
        foreach (var id in styles)
        {
            cellFormats.Append(new CellFormat { NumberFormatId = id, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true });
        }

        stylesPart.Stylesheet = new Stylesheet(
            new NumberingFormats(formats.Select((f, i) => new NumberingFormat { NumberFormatId = (uint)(164 + i), FormatCode = f })),
            new Fonts(new Font()),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            cellFormats);
    }

    private static string Shared(List<string> strings, string value)
    {
        var at = strings.IndexOf(value);
        if (at < 0)
        {
            strings.Add(value);
            at = strings.Count - 1;
        }

        return at.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}

/// <summary>A sheet of a <see cref="TestWorkbook"/>: rows by their number (gaps are rows the sheet leaves out).</summary>
public sealed class TestSheet(string name, bool hidden)
{
    public string Name { get; } = name;

    public bool Hidden { get; } = hidden;

    public Dictionary<int, TestCell?[]> Rows { get; } = [];

    public List<string> Merges { get; } = [];

    /// <summary>Rows the sheet hides, as a filter or Hide does (hidden="1" on the row).</summary>
    public HashSet<int> HiddenRows { get; } = [];

    public TestSheet Hide(params int[] rows)
    {
        HiddenRows.UnionWith(rows);
        return this;
    }

    public TestSheet Row(int number, params TestCell?[] cells)
    {
        Rows[number] = cells;
        return this;
    }

    public TestSheet Merge(string range)
    {
        Merges.Add(range);
        return this;
    }
}
