using BulkImport.Core.Csv;

namespace BulkImport.Tests.Workbooks;

/// <summary>
/// SPEC 17: an .xlsx (written here by DocumentFormat.OpenXml, as Excel writes one) gives the same header and rows of
/// text cells as a CSV, numbered as the sheet numbers them, with cells as a person sees them.
/// </summary>
public sealed class WorkbookReadTests
{
    private static readonly string[] Template = ["ID", "Name", "Date", "Zip", "Amount"];

    internal static (ParsedFile File, List<ParsedRow> Rows, CsvFileException? Failure) Read(byte[] bytes, string? sheet = null, CsvLimits? limits = null, string[]? template = null)
    {
        // A .csv name on purpose: content decides, never the extension.
        var path = Path.Combine(Path.GetTempPath(), $"bulkimport-xlsx-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        try
        {
            var file = ParsedFile.Open(path, template ?? Template, [], limits ?? new CsvLimits(), sheet);
            var rows = new List<ParsedRow>();
            CsvFileException? failure = null;
            if (file.Errors.Count == 0)
            {
                try
                {
                    rows.AddRange(file.Rows());
                }
                catch (CsvFileException e)
                {
                    failure = e;
                }
            }

            file.Dispose();
            return (file, rows, failure);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Dates_with_a_date_format_read_as_MM_DD_YYYY()
    {
        var book = new TestWorkbook();
        book.Sheet("Data")
            .Row(1, "ID", "Name", "Date")
            .Row(2, "1", "Ann", TestCell.Date(new DateOnly(1985, 3, 14)))
            .Row(3, "2", "Bo", TestCell.Number(new DateOnly(2001, 12, 31).DayNumber - new DateOnly(1899, 12, 30).DayNumber, builtInFormat: 14))
            .Row(4, "3", "Cy", TestCell.Date(new DateOnly(1990, 1, 2), "[$-409]mmmm d, yyyy;@"))
            .Row(5, "4", "Di", TestCell.Number(45000.75, "m/d/yyyy h:mm"));

        var (file, rows, failure) = Read(book.ToBytes());

        file.Errors.Should().BeEmpty();
        failure.Should().BeNull();
        rows.Select(r => r.Values[2]).Should().Equal("03/14/1985", "12/31/2001", "01/02/1990", "03/15/2023 18:00:00");
    }

    [Theory]
    [InlineData("mm:ss", 90.0 / 86_400, "00:01:30")]
    [InlineData("mm:ss.0", 90.0 / 86_400, "00:01:30")]
    [InlineData("[$-409]mm:ss;@", 754.0 / 86_400, "00:12:34")]
    [InlineData("h:mm", 9.0 / 24 + 5.0 / 1440, "09:05:00")]
    [InlineData("hh:mm:ss", 0.75, "18:00:00")]
    [InlineData("h:mm AM/PM", 13.5 / 24, "13:30:00")]
    [InlineData("h:mm:ss A/P", 13.5 / 24, "13:30:00")]
    [InlineData("h:mm", 45000.25, "06:00:00")]
    [InlineData("[h]:mm:ss", 1.5, "36:00:00")]
    [InlineData("[mm]:ss", 0.5 / 24, "00:30:00")]
    [InlineData("mm:[ss]", 0.5 / 24, "00:30:00")]
    public void A_time_only_format_reads_as_the_time_never_as_a_date(string format, double serial, string expected)
    {
        var book = new TestWorkbook();
        book.Sheet("Data").Row(1, "ID", "Name", "Date").Row(2, "1", "Ann", TestCell.Number(serial, format));

        var (file, rows, _) = Read(book.ToBytes());

        file.Errors.Should().BeEmpty();
        rows.Should().ContainSingle().Which.Values[2].Should().Be(expected);
    }

    [Theory]
    [InlineData(20, "h:mm")]
    [InlineData(21, "h:mm:ss")]
    [InlineData(45, "mm:ss")]
    [InlineData(47, "mmss.0")]
    public void Excels_built_in_time_formats_read_as_times(uint builtIn, string code)
    {
        var book = new TestWorkbook();
        book.Sheet("Data").Row(1, "ID", "Name", "Date").Row(2, "1", "Ann", TestCell.Number(75.0 / 86_400, builtInFormat: builtIn));

        var (_, rows, _) = Read(book.ToBytes());

        rows.Should().ContainSingle().Which.Values[2].Should().Be("00:01:15", $"built-in format {builtIn} is {code}");
    }

    /// <summary>
    /// Excel's 1900 system counts a 02/29/1900 that never was, so its serials before 03/01/1900 are one day ahead of
    /// OLE Automation's; serial 0 is what a date formula shows for an empty cell ("1/0/1900"). Found by an outside
    /// audit: they were read a day early, and serial 0 as a real date that committed.
    /// </summary>
    [Theory]
    [InlineData(0, "01/00/1900")]
    [InlineData(0.25, "01/00/1900")]
    [InlineData(1, "01/01/1900")]
    [InlineData(59, "02/28/1900")]
    [InlineData(60, "02/29/1900")]
    [InlineData(61, "03/01/1900")]
    [InlineData(367, "01/01/1901")]
    public void Serials_before_March_1900_read_as_Excel_shows_them(double serial, string expected)
    {
        var book = new TestWorkbook();
        book.Sheet("Data").Row(1, "ID", "Name", "Date").Row(2, "1", "Ann", TestCell.Number(serial, "m/d/yyyy"));

        var (_, rows, _) = Read(book.ToBytes());

        rows.Should().ContainSingle().Which.Values[2].Should().Be(expected);
    }

    [Theory]
    [InlineData("m/d/yyyy h:mm", 45000.75, "03/15/2023 18:00:00")]
    [InlineData("m/d/yyyy h:mm", 45000.0, "03/15/2023")]
    [InlineData("yyyy-mm-dd hh:mm:ss", 45000.5, "03/15/2023 12:00:00")]
    [InlineData("dd/mm/yyyy hh:mm", 45000.0, "03/15/2023")]
    [InlineData("mmm d, yyyy h:mm AM/PM", 45000.0 + (1.0 / 1440), "03/15/2023 00:01:00")]
    public void A_date_time_format_reads_as_the_date_and_the_time_unless_the_time_is_midnight(string format, double serial, string expected)
    {
        var book = new TestWorkbook();
        book.Sheet("Data").Row(1, "ID", "Name", "Date").Row(2, "1", "Ann", TestCell.Number(serial, format));

        var (_, rows, _) = Read(book.ToBytes());

        rows.Should().ContainSingle().Which.Values[2].Should().Be(expected);
    }

    [Theory]
    [InlineData("1899-12-30T00:01:30", "mm:ss", "00:01:30")]
    [InlineData("1899-12-30T13:30:00", "h:mm AM/PM", "13:30:00")]
    [InlineData("2023-03-15T00:00:00", "m/d/yyyy h:mm", "03/15/2023")]
    [InlineData("2023-03-15T18:00:00", "m/d/yyyy h:mm", "03/15/2023 18:00:00")]
    [InlineData("2023-03-15T00:00:00", "General", "03/15/2023")]
    public void An_iso_date_cell_is_read_by_its_format_like_a_serial(string iso, string format, string expected)
    {
        var book = new TestWorkbook();
        book.Sheet("Data").Row(1, "ID", "Name", "Date").Row(2, "1", "Ann", TestCell.IsoDate(iso, format));

        var (_, rows, _) = Read(book.ToBytes());

        rows.Should().ContainSingle().Which.Values[2].Should().Be(expected);
    }

    [Fact]
    public void Numbers_keep_the_zeros_of_their_format_and_never_show_an_exponent_or_thousands_separators()
    {
        var book = new TestWorkbook();
        book.Sheet("Data")
            .Row(1, "ID", "Name", "Zip", "Amount")
            .Row(2, TestCell.Number(12345678, "000-00-0000"), "Ann", TestCell.Number(2134, "00000"), TestCell.Number(1234567.5, "#,##0.00"))
            .Row(3, TestCell.Number(7), "Bo", TestCell.Number(2134, "00000-0000"), TestCell.Number(1e20))
            .Row(4, TestCell.Number(12, "0000"), "Cy", TestCell.Number(8123), TestCell.Number(0.1 + 0.2))
            .Row(5, TestCell.Number(42, builtInFormat: 3), "Di", TestCell.Inline("02134"), TestCell.Number(1234567, builtInFormat: 3));

        var (file, rows, _) = Read(book.ToBytes());

        file.Errors.Should().BeEmpty();
        rows.Select(r => (r.Values[0], r.Values[3], r.Values[4])).Should().Equal(
            ("012-34-5678", "02134", "1234567.50"),
            ("7", "00000-2134", "100000000000000000000"),
            ("0012", "8123", "0.3"),
            ("42", "02134", "1234567"));
    }

    [Fact]
    public void Formulas_give_their_cached_value_and_an_error_is_the_cells_text_and_a_problem_of_its_cell()
    {
        var book = new TestWorkbook();
        book.Sheet("Data")
            .Row(1, "ID", "Name", "Amount", "Zip")
            .Row(2, TestCell.Formula("ROW()-1", 1), TestCell.Formula("\"An\"&\"n\"", "Ann"), TestCell.Formula("10/4", 2.5), TestCell.Formula("A2+2133", 2134, "00000"))
            .Row(3, "2", TestCell.Error("VLOOKUP(A3,X!A:B,2,FALSE)", "#N/A"), TestCell.Error("1/0", "#DIV/0!"), "1");

        var (file, rows, _) = Read(book.ToBytes());

        file.Errors.Should().BeEmpty();
        rows[0].Values.Should().Equal("1", "Ann", null, "02134", "2.5");
        rows[0].Problems.Should().BeEmpty();
        rows[1].Values[1].Should().Be("#N/A");
        rows[1].Values[4].Should().Be("#DIV/0!");
        rows[1].Problems.Select(p => (p.RowNumber, p.Column)).Should().Equal((3, "Name"), (3, "Amount"));
        rows[1].Problems[0].Message.Should().StartWith("The cell shows the formula error #N/A");
    }

    [Fact]
    public void A_boolean_cell_reads_as_Excels_CSV_export_writes_it()
    {
        // Saved as CSV, Excel writes TRUE and FALSE: the workbook must give the same text, so a Yes/No field gets
        // the same message (and suggestion) whichever way the file came.
        var book = new TestWorkbook();
        book.Sheet("Data")
            .Row(1, "ID", "Name", "Zip")
            .Row(2, "1", TestCell.Boolean(true), TestCell.Boolean(false));

        var (file, rows, _) = Read(book.ToBytes());

        file.Errors.Should().BeEmpty();
        var row = rows.Should().ContainSingle().Subject;
        (row.Values[1], row.Values[3]).Should().Be(("TRUE", "FALSE"));
    }

    [Fact]
    public void A_formula_whose_result_was_never_saved_is_a_problem_of_its_cell_not_a_blank()
    {
        // Written by a script that does not calculate: read as blank, an Update left the stored e-mail unchanged
        // and reported success.
        var book = new TestWorkbook();
        book.Sheet("Data")
            .Row(1, "ID", "Name", "Zip")
            .Row(2, "40", TestCell.Uncalculated("PROPER(\"ann lee\")"), "33755");

        var (file, rows, _) = Read(book.ToBytes());

        file.Errors.Should().BeEmpty();
        rows.Should().ContainSingle().Which.Values[1].Should().BeNullOrEmpty();
        var problem = rows[0].Problems.Should().ContainSingle().Subject;
        (problem.RowNumber, problem.Column).Should().Be((2, "Name"));
        problem.Message.Should().StartWith("The cell holds a formula whose result was never saved in the workbook");
    }

    [Fact]
    public void The_first_sheet_with_data_is_read_its_row_numbers_are_the_sheets_and_every_sheet_is_listed()
    {
        var book = new TestWorkbook();
        book.Sheet("Notes");
        book.Sheet("Lookup", hidden: true).Row(1, "ID", "Name").Row(2, "9", "Hidden");
        book.Sheet("Clients").Row(1, "ID", "Name").Row(2, "1", "Ann").Row(5, "2", "Bo").Row(9, TestCell.Number(3), "Cy");
        book.Sheet("Other").Row(1, "ID", "Name").Row(2, "7", "Other");

        var (file, rows, _) = Read(book.ToBytes());

        file.Errors.Should().BeEmpty();
        file.Sheets.Should().Equal("Notes", "Clients", "Other");
        file.SheetName.Should().Be("Clients");
        rows.Select(r => (r.RowNumber, r.Kind, r.Values[1])).Should().Equal(
            (2, ParsedRowKind.Data, "Ann"),
            (3, ParsedRowKind.Blank, ""),
            (4, ParsedRowKind.Blank, ""),
            (5, ParsedRowKind.Data, "Bo"),
            (6, ParsedRowKind.Blank, ""),
            (7, ParsedRowKind.Blank, ""),
            (8, ParsedRowKind.Blank, ""),
            (9, ParsedRowKind.Data, "Cy"));
    }

    [Fact]
    public void The_upload_can_name_the_sheet_in_any_case_and_a_sheet_it_does_not_have_is_refused_naming_the_sheets()
    {
        var book = new TestWorkbook();
        book.Sheet("Clients").Row(1, "ID", "Name").Row(2, "1", "Ann");
        book.Sheet("March").Row(1, "Name", "ID").Row(2, "Bo", "2").Row(3, "Cy", "3");
        var bytes = book.ToBytes();

        var (file, rows, _) = Read(bytes, sheet: "march");
        file.SheetName.Should().Be("March");
        rows.Select(r => (r.RowNumber, r.Values[0], r.Values[1])).Should().Equal((2, "2", "Bo"), (3, "3", "Cy"));

        var (missing, _, _) = Read(bytes, sheet: "April");
        missing.Errors.Should().ContainSingle().Which.Message.Should()
            .Be("The workbook has no sheet named 'April'. Its sheets are 'Clients', 'March'; choose one of them and upload again.");
        missing.Sheets.Should().Equal(["Clients", "March"], "the person picks the right sheet from this list");
        missing.SheetName.Should().BeNull("no sheet was read");
    }

    [Fact]
    public void A_sheet_whose_name_ends_in_a_space_can_be_chosen_by_its_name_as_the_tab_shows_it()
    {
        // Excel keeps a trailing space in a tab's name; the upload field is trimmed, so the name is matched trimmed.
        var book = new TestWorkbook();
        book.Sheet("Notes").Row(1, "Prepared by HR");
        book.Sheet("March ").Row(1, "ID", "Name").Row(2, "1", "Ann");

        var (file, rows, _) = Read(book.ToBytes(), sheet: "march");

        file.Errors.Should().BeEmpty();
        file.SheetName.Should().Be("March ");
        rows.Select(r => r.Values[1]).Should().Equal("Ann");
    }

    [Fact]
    public void A_hidden_sheet_asked_for_by_name_is_refused_saying_it_is_hidden_and_how_to_read_it()
    {
        var book = new TestWorkbook();
        book.Sheet("Clients").Row(1, "ID", "Name").Row(2, "1", "Ann");
        book.Sheet("Lists", hidden: true).Row(1, "ID", "Name").Row(2, "9", "Hidden");

        var (file, rows, _) = Read(book.ToBytes(), sheet: "lists");

        file.Errors.Should().ContainSingle().Which.Message.Should().Be(
            "Sheet 'Lists' is hidden in the workbook, and only visible sheets are read. Unhide it in the spreadsheet (right-click a sheet tab > Unhide) " +
            "and upload again, or choose one of the visible sheets, 'Clients'.");
        file.Sheets.Should().Equal(["Clients"], "a hidden sheet is not offered");
        rows.Should().BeEmpty();
    }

    [Fact]
    public void A_sheet_named_for_a_csv_file_is_ignored_with_a_warning_and_the_file_is_read()
    {
        var (file, rows, _) = Read("ID,Name\r\n1,Ann\r\n"u8.ToArray(), sheet: "Clients");

        file.Errors.Should().BeEmpty();
        file.IsWorkbook.Should().BeFalse();
        file.Warnings.Select(w => w.Message).Should().Equal(
            "This is a CSV file; the sheet setting ('Clients') was ignored. A CSV file has no sheets, so the whole file was read; leave the sheet empty for CSV files.");
        rows.Should().ContainSingle().Which.Values[1].Should().Be("Ann");
        Read("ID,Name\r\n1,Ann\r\n"u8.ToArray(), sheet: "  ").File.Warnings.Should().BeEmpty("a blank sheet field names no sheet");
    }

    [Fact]
    public void A_named_sheet_that_is_empty_is_refused_and_the_workbooks_sheets_are_still_listed()
    {
        var book = new TestWorkbook();
        book.Sheet("Cover");
        book.Sheet("Hidden", hidden: true).Row(1, "ID", "Name").Row(2, "9", "Hidden");
        book.Sheet("Clients").Row(1, "ID", "Name").Row(2, "1", "Ann");

        var (file, rows, _) = Read(book.ToBytes(), sheet: "cover");

        file.Errors.Should().ContainSingle().Which.Message.Should()
            .Be("Sheet 'Cover' is empty. The workbook's sheets are 'Cover', 'Clients'; choose the one that holds the data and upload again.");
        file.Sheets.Should().Equal("Cover", "Clients");
        rows.Should().BeEmpty();
    }

    [Fact]
    public void A_workbook_whose_sheets_are_all_empty_is_refused_and_lists_them()
    {
        var book = new TestWorkbook();
        book.Sheet("One");
        book.Sheet("Two").Row(3, null, "");

        var (file, _, _) = Read(book.ToBytes());

        file.Errors.Should().ContainSingle().Which.Message.Should().StartWith("The workbook has no data: every sheet is empty.");
        file.Sheets.Should().Equal("One", "Two");
    }

    [Fact]
    public void A_row_wider_than_the_header_and_a_value_under_a_blank_header_get_the_CSV_messages()
    {
        var book = new TestWorkbook();
        book.Sheet("Data").Row(1, "ID", "Name").Row(2, "1", "Ann").Row(3, "2", "Bo", null, "note");

        var (file, rows, _) = Read(book.ToBytes());

        file.Errors.Should().BeEmpty();
        rows[0].Problems.Should().BeEmpty("a short row of a sheet is padded, as Excel pads a CSV it saves");
        rows[1].Problems.Should().ContainSingle().Which.Message.Should().StartWith("Row has 4 fields; the header has 2");
    }

    [Fact]
    public void A_value_right_of_the_header_is_named_by_its_cell_and_what_to_do()
    {
        // A note typed beside the table: a sheet has no fields to count, so the cell is what the person can find.
        var book = new TestWorkbook();
        book.Sheet("Data").Row(1, "ID", "Name").Row(2, "1", "Ann", null, null, "call back");

        var (_, rows, _) = Read(book.ToBytes());

        rows[0].Problems.Should().ContainSingle().Which.Message.Should().Be(
            "Row has 5 fields; the header has 2: cell E2 holds a value right of the header, in a column with no name. "
            + "Delete it, or give its column a name in row 1, and upload again; or skip this row.");
    }
}
