using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using Microsoft.EntityFrameworkCore;
using BulkImport.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BulkImport.Tests.Workbooks;

/// <summary>
/// A workbook through the HTTP API (SPEC 17): uploaded with a sheet named, reviewed with the sheet's row numbers,
/// fixed, committed, and its results file; and the .xlsx template, read back by the SDK, with text columns.
/// </summary>
public class WorkbookImportApiTests : IAsyncLifetime
{
    private static readonly string[] Header = ["Client ID", "First Name", "Last Name", "Email", "Phone Number", "SSN", "Date of Birth", "Zip"];
    private readonly TestEngine _engine;
    private readonly TestApp _app;
    private ApiClient _api = null!;

    public WorkbookImportApiTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (<c>PostgreSql/PostgreSqlVariants</c>): the summary's sheets are stored on refusal too.</summary>
    protected WorkbookImportApiTests(TestEngine engine)
    {
        _engine = engine;
        _app = new TestApp(engine: engine);
    }

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<ImportSummary> UploadAsync(byte[] workbook, string? sheet, string fileName = "partner clients.xlsx") => UploadAsync(_api, workbook, sheet, fileName);

    private static async Task<ImportSummary> UploadAsync(ApiClient api, byte[] workbook, string? sheet, string fileName = "partner clients.xlsx")
    {
        using var content = new MultipartFormDataContent();
        var filePart = new ByteArrayContent(workbook);
        filePart.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        content.Add(filePart, "file", fileName);
        content.Add(new StringContent("Client"), "domain");
        content.Add(new StringContent("Add"), "operation");
        if (sheet is not null)
        {
            content.Add(new StringContent(sheet), "sheet");
        }

        var response = await api.Http.PostAsync("/api/imports", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        return await api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
    }

    [Fact]
    public async Task A_workbook_sheet_goes_through_review_fix_commit_and_results_with_the_sheets_row_numbers()
    {
        TestCell?[] HeaderCells() => [.. Header.Select(h => (TestCell?)TestCell.Text(h))];
        var book = new TestWorkbook();
        book.Sheet("Read me").Row(1, "This workbook holds the March clients on the next sheet.");
        book.Sheet("March").Row(1, HeaderCells())
            .Row(2, null, "Ana", "Gomez", "ana.gomez@example.org", TestCell.Number(7271231234, "[<=9999999]###-####;(###) ###-####"),
                TestCell.Number(123456789, "000-00-0000"), TestCell.Date(new DateOnly(1990, 1, 2)), TestCell.Number(2134, "00000"))
            .Row(4, null, "Bo", "Bad", TestCell.Error("VLOOKUP(B4,Emails!A:B,2,FALSE)", "#N/A"), "727.555.0100", null, TestCell.Date(new DateOnly(1985, 7, 4)), "33755");

        var import = await UploadAsync(book.ToBytes(), sheet: "march");

        import.Status.Should().Be(ImportStatus.ReadyForReview, string.Join(" ", import.FileErrors));
        import.Sheet.Should().Be("March");
        import.Sheets.Should().Equal("Read me", "March");
        import.TotalRows.Should().Be(3);
        import.ValidRows.Should().Be(1);
        import.ErrorRows.Should().Be(1);
        import.SkippedRows.Should().Be(1);

        var ana = await _api.RowAsync(import.Id, 2);
        ana.Status.Should().Be(RowStatus.Valid, string.Join(" | ", ana.Messages.Select(m => m.Message)));
        ana.Values["Phone Number"].Should().Be("(727) 123-1234");
        ana.Values["Date of Birth"].Should().Be("01/02/1990");
        ana.Values["Zip"].Should().Be("02134");
        (await _api.RowAsync(import.Id, 3)).Status.Should().Be(RowStatus.Skipped, "row 3 is empty in the sheet");
        var bo = await _api.RowAsync(import.Id, 4);
        bo.Status.Should().Be(RowStatus.Error);
        bo.Values["Email"].Should().Be("#N/A");
        bo.Messages.Should().Contain(m => m.Column == "Email" && m.Message.StartsWith("The cell shows the formula error #N/A", StringComparison.Ordinal));

        var fixedRow = await _api.EditRowAsync(import.Id, 4, new() { ["Email"] = "bo@example.org" });
        fixedRow.Row.Status.Should().Be(RowStatus.Valid, string.Join(" | ", fixedRow.Row.Messages.Select(m => m.Message)));

        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Status.Should().Be(ImportStatus.Committed);
        committed.Inserted.Should().Be(2);

        var lines = (await _api.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4);
        lines[1].Should().MatchRegex(@"^2,Success,Insert,\d+,$");
        lines[2].Should().StartWith("3,Skipped,");
        lines[3].Should().MatchRegex(@"^4,Success,Insert,\d+,$");
    }

    [Fact]
    public async Task Rows_a_filter_hides_are_read_like_the_others_and_the_import_names_them_once()
    {
        var book = new TestWorkbook();
        var sheet = book.Sheet("March").Row(1, "First Name", "Last Name", "City");
        for (var row = 2; row <= 10; row++)
        {
            sheet.Row(row, "Ann" + row, "Lee", "Tampa");
        }

        sheet.Hide(3, 4, 5, 6, 7, 9, 10);
        var import = await UploadAsync(book.ToBytes(), sheet: null);

        import.Status.Should().Be(ImportStatus.ReadyForReview, string.Join(" ", import.FileErrors));
        import.ValidRows.Should().Be(9, "a hidden row is a row of the file, as Excel's Save As CSV keeps it");
        import.FileWarnings.Should().ContainSingle(w => w.Contains("hidden", StringComparison.Ordinal)).Which.Should().Be(
            "7 rows are hidden in sheet 'March' (by a filter, or Hide): rows 3, 4, 5, 6, 7 and 2 more. They were read like every other row, as Excel's Save As CSV keeps them. "
            + "If they must not be imported, skip them in the review, or delete them in the workbook and upload again.");

        var one = new TestWorkbook();
        one.Sheet("Clients").Row(1, "First Name", "Last Name").Row(2, "Bo", "Ng").Row(3, "Cy", "Ng").Hide(1, 3);
        (await UploadAsync(one.ToBytes(), sheet: null)).FileWarnings.Should().ContainSingle(w => w.Contains("hidden", StringComparison.Ordinal))
            .Which.Should().StartWith("Row 3 is hidden in sheet 'Clients'", "a hidden header row is not a data row");
    }

    [Theory]
    [InlineData("April", "The workbook has no sheet named 'April'. Its sheets are 'Notes', 'Clients'; choose one of them and upload again.")]
    [InlineData("notes", "Sheet 'Notes' is empty. The workbook's sheets are 'Notes', 'Clients'; choose the one that holds the data and upload again.")]
    [InlineData("lists", "Sheet 'Lists' is hidden in the workbook, and only visible sheets are read. Unhide it in the spreadsheet (right-click a sheet tab > Unhide) " +
        "and upload again, or choose one of the visible sheets, 'Notes', 'Clients'.")]
    public async Task A_sheet_that_is_missing_empty_or_hidden_fails_the_upload_and_the_summary_still_lists_the_sheets(string sheet, string error)
    {
        var book = new TestWorkbook();
        book.Sheet("Notes");
        book.Sheet("Lists", hidden: true).Row(1, "First Name", "Last Name").Row(2, "Ann", "Hidden");
        book.Sheet("Clients").Row(1, "First Name", "Last Name").Row(2, "Ann", "Sheetless");

        var import = await UploadAsync(book.ToBytes(), sheet);

        import.Status.Should().Be(ImportStatus.ValidationFailed);
        import.FileErrors.Should().Equal(error);
        import.Sheets.Should().Equal(["Notes", "Clients"], "the summary lists the sheets so the person can upload again with the right one");
        import.TotalRows.Should().Be(0);
    }

    [Fact]
    public async Task A_sheet_named_with_a_csv_upload_is_ignored_with_a_file_warning_and_the_file_is_read()
    {
        var csv = System.Text.Encoding.UTF8.GetBytes("First Name,Last Name\r\nAnn,Sheetless\r\n");

        var import = await UploadAsync(csv, sheet: " March ", fileName: "clients.csv");

        import.Status.Should().Be(ImportStatus.ReadyForReview, string.Join(" ", import.FileErrors));
        import.ValidRows.Should().Be(1);
        import.FileWarnings.Should().Contain(
            "This is a CSV file; the sheet setting ('March') was ignored. A CSV file has no sheets, so the whole file was read; leave the sheet empty for CSV files.");
        import.Sheet.Should().BeNull("no sheet was read");
        import.Sheets.Should().BeEmpty();
    }

    [Fact]
    public async Task A_date_of_birth_cell_with_a_time_is_a_date_at_midnight_and_an_error_at_any_other_time_or_as_a_time_only()
    {
        const double March15 = 45000; // 03/15/2023
        var book = new TestWorkbook();
        book.Sheet("Clients").Row(1, "First Name", "Last Name", "Date of Birth")
            .Row(2, "Ann", "Midnight", TestCell.Number(March15 - 12000, "m/d/yyyy h:mm"))
            .Row(3, "Bo", "Evening", TestCell.Number(March15 - 12000 + 0.75, "m/d/yyyy h:mm"))
            .Row(4, "Cy", "Duration", TestCell.Number(90.0 / 86_400, "mm:ss"));

        var import = await UploadAsync(book.ToBytes(), sheet: null);

        import.Status.Should().Be(ImportStatus.ReadyForReview, string.Join(" ", import.FileErrors));
        var ann = await _api.RowAsync(import.Id, 2);
        (ann.Status, ann.Values["Date of Birth"]).Should().Be((RowStatus.Valid, "05/07/1990"));
        var bo = await _api.RowAsync(import.Id, 3);
        bo.Status.Should().Be(RowStatus.Error);
        bo.Messages.Should().ContainSingle().Which.Message.Should()
            .Be("Date of Birth has a time of day (18:00:00); it takes a date only, like MM/DD/YYYY. Delete the time, or format the column as a date without the time in the spreadsheet");
        var cy = await _api.RowAsync(import.Id, 4);
        cy.Values["Date of Birth"].Should().Be("00:01:30", "a time format is read as a time, never as a date in December 1899");
        cy.Messages.Should().ContainSingle().Which.Message.Should().Be("Date of Birth must be a date like MM/DD/YYYY (or YYYY-MM-DD)");
    }

    /// <summary>A date formula over an empty cell shows "1/0/1900" in Excel (serial 0): not a date, and never committed as 12/30/1899.</summary>
    [Fact]
    public async Task A_date_cell_of_serial_0_is_the_day_Excel_shows_and_an_error()
    {
        var book = new TestWorkbook();
        book.Sheet("Clients").Row(1, "First Name", "Last Name", "Date of Birth")
            .Row(2, "Ann", "Empty", TestCell.Formula("Z2", 0, "m/d/yyyy"));

        var import = await UploadAsync(book.ToBytes(), sheet: null);

        import.Status.Should().Be(ImportStatus.ReadyForReview, string.Join(" ", import.FileErrors));
        var ann = await _api.RowAsync(import.Id, 2);
        (ann.Status, ann.Values["Date of Birth"]).Should().Be((RowStatus.Error, "01/00/1900"));
        ann.Messages.Should().ContainSingle().Which.Message.Should().Be("Date of Birth is not a real date: January 1900 has 31 days; use MM/DD/YYYY, month first");
    }

    [Fact]
    public async Task A_legacy_xls_upload_fails_with_its_message_and_stages_nothing()
    {
        var xls = new byte[2048];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(xls, 0);
        System.Text.Encoding.Unicode.GetBytes("Workbook\0").CopyTo(xls, 1024);

        var import = await UploadAsync(xls, sheet: null);

        import.Status.Should().Be(ImportStatus.ValidationFailed);
        import.TotalRows.Should().Be(0);
        import.FileErrors.Should().ContainSingle().Which.Should().EndWith("Save it as .xlsx or CSV and upload it again.");
    }

    [Fact]
    public async Task An_html_export_named_xls_fails_saying_it_is_a_web_page_to_save_as_xlsx_or_csv()
    {
        const string html = "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta charset=\"utf-8\"></head><body>\r\n"
            + "<table><tr><td>First Name</td><td>Last Name</td></tr><tr><td>Ann</td><td>Lee</td></tr></table></body></html>\r\n";

        var response = await _api.PostImportAsync(System.Text.Encoding.UTF8.GetBytes(html), "Client", "Add", "Clients export.xls");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        var import = await _api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);

        import.Status.Should().Be(ImportStatus.ValidationFailed);
        import.TotalRows.Should().Be(0);
        import.FileErrors.Should().ContainSingle().Which.Should()
            .StartWith("This is a web page (an HTML table), not a workbook").And.Contain("Save it as .xlsx or CSV").And.NotContain("spaces");
    }

    [Fact]
    public async Task The_xlsx_template_has_the_header_in_bold_and_text_formatted_id_ssn_phone_and_zip_columns()
    {
        var response = await _api.Http.GetAsync("/api/templates/client.xlsx");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain(".xlsx");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        using var document = SpreadsheetDocument.Open(stream, false);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single();
        var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
        var header = worksheet.Descendants<Row>().Single().Elements<Cell>().Select(c => c.InnerText).ToList();
        header.Should().StartWith(["Client ID", "First Name", "Last Name", "Email", "Phone Number", "SSN", "Date of Birth"]);

        var formats = workbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var textColumns = worksheet.Descendants<Column>()
            .Where(c => c.Style is not null && formats[(int)c.Style.Value].NumberFormatId!.Value == 49)
            .Select(c => header[(int)c.Min!.Value - 1]);
        textColumns.Should().BeEquivalentTo(["Client ID", "Phone Number", "SSN", "Zip"]);

        // And it reads back as the template: an upload of it is refused for having no rows, not for its header.
        stream.Position = 0;
        var import = await UploadAsync(stream.ToArray(), sheet: null);
        import.FileErrors.Should().ContainSingle().Which.Should().StartWith("The file has no data rows.");
    }

    [Fact]
    public async Task A_workbook_import_whose_commit_failed_is_replayed_to_the_end_with_the_sheets_row_numbers()
    {
        // Support replays from the staged rows, never the file: a workbook's import resumes like a CSV's (issue 18).
        await using var app = new TestApp(new() { ["Commit:FailAfterRows"] = "1", ["Import:CommitBatchSize"] = "1" }, engine: _engine);
        var importer = await app.ApiAsync(Roles.Importer);
        var support = await app.ApiAsync(Roles.Support);
        var book = new TestWorkbook();
        book.Sheet("Notes").Row(1, "Clients on the next sheet");
        book.Sheet("Clients").Row(1, "First Name", "Last Name", "Zip")
            .Row(2, "Ann", "Replayed A", TestCell.Number(2134, "00000"))
            .Row(4, "Bob", "Replayed B", "02135")
            .Row(5, "Cy", "Replayed C", TestCell.Number(2136, "00000"));
        var import = await UploadAsync(importer, book.ToBytes(), sheet: "Clients");
        (import.Status, import.Sheet, import.ValidRows).Should().Be((ImportStatus.ReadyForReview, "Clients", 3));

        var run = await importer.CommitAndWaitAsync(import.Id);
        run.Status.Should().Be(ImportStatus.CommitFailed, "the commit is made to fail after each row");
        var replays = 0;
        while (run.Status == ImportStatus.CommitFailed)
        {
            (await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            run = await support.WaitForAsync(import.Id, s => s.Status.IsFinal());
            replays++;
        }

        (run.Status, run.Inserted, run.Failed).Should().Be((ImportStatus.Committed, 3, 0));
        replays.Should().BeGreaterThan(0);
        var lines = (await importer.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Skip(1).Select(l => l.Split(',')[0] + "," + l.Split(',')[1]).Should().Equal("2,Success", "3,Skipped", "4,Success", "5,Success");
        await using var db = app.CreateDbContext();
        (await db.Clients.Where(c => c.LastName.StartsWith("Replayed")).Select(c => c.Zip).ToListAsync())
            .Should().BeEquivalentTo(["02134", "02135", "02136"], "the zero-padded zips are kept through the replays");
    }
}
