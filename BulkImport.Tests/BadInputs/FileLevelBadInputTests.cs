using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.BadInputs;

/// <summary>BAD-INPUTS.md cases 1-20: the file as a whole (bytes, encodings, delimiters, line endings, where the header is).</summary>
public class FileLevelBadInputTests : BadInputApiTest
{
    public FileLevelBadInputTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine.</summary>
    protected FileLevelBadInputTests(TestEngine engine)
        : base(engine: engine)
    {
    }

    static FileLevelBadInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Case01_empty_file_is_refused_with_File_is_empty()
    {
        var import = await UploadAsync([]);

        FileError(import).Should().StartWith("File is empty: it has no header row and no data.");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case02_header_only_file_is_refused_with_no_data_rows_and_cannot_be_committed()
    {
        foreach (var text in new[] { "Client ID,First Name,Last Name\r\n", "Client ID,First Name,Last Name", "Client ID,First Name,Last Name\r\n\r\n,,\r\n" })
        {
            var import = await UploadAsync(text);

            FileError(import).Should().StartWith("The file has no data rows. Add at least one row under the header");
            var commit = await Api.Http.PostAsync($"/api/imports/{import.Id}/commit", null);
            commit.StatusCode.Should().Be(HttpStatusCode.Conflict, "there is nothing to commit");
        }

        await ClientDataIsUnchangedAsync();
    }

    [Theory]
    [InlineData("504B0304140006000800000021", "This is a ZIP file but not an Excel workbook (.xlsx)", "XLSX (a ZIP) renamed .csv, cut short")]
    [InlineData("504B030414000000", "This is a ZIP file but not an Excel workbook (.xlsx)", "ZIP")]
    [InlineData("D0CF11E0A1B11AE1", "This is an old-style Office file", "OLE file without an Excel stream")]
    public async Task Case03_zip_or_ole_content_named_csv_is_refused_by_its_magic_bytes(string magicHex, string message, string what)
    {
        // SPEC 17 replaces case 3 for .xlsx: a real workbook is read (Workbooks/), any other ZIP or OLE file is refused.
        var bytes = Bytes(Convert.FromHexString(magicHex), Utf8("Client ID,First Name,Last Name\r\n,Ann,Lee\r\n"));

        var import = await UploadAsync(bytes, fileName: "clients.csv");

        FileError(import).Should().StartWith(message, what);
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case04_binary_content_and_nul_bytes_refuse_the_file_naming_the_line_and_a_nul_in_a_utf16_cell_is_a_cell_error()
    {
        var random = new byte[4096];
        new Random(4).NextBytes(random);
        random[100] = 0;
        FileError(await UploadAsync(random)).Should().Contain("binary data (NUL bytes");

        var nulInCell = Utf8("Client ID,First Name,Last Name\r\n,Ann,Lee\r\n,B\0b,Ng\r\n");
        FileError(await UploadAsync(nulInCell)).Should().Be(
            "This is not a CSV text file: it contains binary data (NUL bytes), the first on line 3. Open it in Excel and save it as CSV (Comma delimited) and upload again.");

        // In UTF-16 every other byte is NUL, so the file is text; a NUL character in a value is that cell's error.
        var utf16 = Bytes(Encoding.Unicode.GetPreamble(), Encoding.Unicode.GetBytes("Client ID,First Name,Last Name\r\n,Ann,Lee\r\n,B\0b,Ng\r\n"));
        var import = await UploadAsync(utf16);
        import.Status.Should().Be(ImportStatus.ReadyForReview);
        (await RowAsync(import, 2)).Status.Should().Be(RowStatus.Valid);
        var row3 = await RowAsync(import, 3);
        row3.Status.Should().Be(RowStatus.Error);
        MessageOn(row3, "First Name").Should().Be("Value contains an invisible control character (U+0000); delete it");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case05_a_file_over_the_size_limit_is_refused_while_uploading_and_nothing_is_kept()
    {
        await using var app = new TestApp(new() { ["Import:MaxFileBytes"] = "2048" }, engine: Engine);
        var api = await app.ApiAsync();
        var row = ",Ann,Lee\r\n";
        var header = "Client ID,First Name,Last Name\r\n";
        var over = Utf8(header + string.Concat(Enumerable.Repeat(row, 300)));
        over.Length.Should().BeGreaterThan(2048);

        var response = await api.PostImportAsync(over, "Client", "AddUpdate");

        // Refused before it is read: the upload stops at the limit, so no import exists and no byte is kept.
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Be(
            "The file is larger than the 2 KiB limit. Split it into smaller files and import each one.");
        (await api.Http.GetFromJsonAsync<PageDto<ImportSummary>>("/api/imports", ApiClient.Json))!.TotalCount.Should().Be(0);
        Directory.EnumerateFiles(Path.Combine(app.DataFolder, "uploads")).Should().BeEmpty();

        // Exactly at the limit is fine (trailing blank lines are not rows).
        var exact = Utf8(header + row + new string('\n', 2048 - Utf8(header + row).Length));
        exact.Length.Should().Be(2048);
        var atLimit = await api.PostImportAsync(exact, "Client", "AddUpdate");
        atLimit.StatusCode.Should().Be(HttpStatusCode.Created);
        var summary = await api.WaitForAsync((await atLimit.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!.Id, s => s.Status != ImportStatus.Validating);
        summary.Status.Should().Be(ImportStatus.ReadyForReview);
        summary.TotalRows.Should().Be(1);
        (await api.Http.GetStringAsync("/api/clients?pageSize=1")).Should().Contain("\"totalCount\":40");
    }

    [Fact]
    public async Task Case06_more_rows_than_the_row_limit_fail_the_file_naming_the_limit()
    {
        await using var app = new TestApp(new() { ["Import:MaxDataRows"] = "3" }, engine: Engine);
        var api = await app.ApiAsync();
        var header = "Client ID,First Name,Last Name\r\n";

        var over = await api.ImportAsync(header + ",A,One\r\n,B,Two\r\n,C,Three\r\n,D,Four\r\n");

        FileError(over).Should().Be("The file has more than 3 data rows, the limit for one import. Split it into files of at most 3 rows and upload them one by one.");
        (await api.RowsAsync(over.Id)).TotalCount.Should().Be(0, "rows staged before the limit was found are removed");

        var atLimit = await api.ImportAsync(header + ",A,One\r\n,B,Two\r\n,C,Three\r\n\r\n\r\n");
        atLimit.Status.Should().Be(ImportStatus.ReadyForReview);
        atLimit.TotalRows.Should().Be(3);
        (await api.Http.GetStringAsync("/api/clients?pageSize=1")).Should().Contain("\"totalCount\":40");
    }

    [Fact]
    public async Task Case07_utf8_bom_is_stripped_so_the_first_header_is_client_id()
    {
        var import = await UploadAsync(Bytes([0xEF, 0xBB, 0xBF], Utf8("Client ID,First Name,Last Name\r\n,Zoë,Ødegård\r\n")));

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.FileWarnings.Should().BeEmpty("'\\uFEFFClient ID' would be an unknown column");
        var row = await RowAsync(import, 2);
        row.Status.Should().Be(RowStatus.Valid);
        row.Values["First Name"].Should().Be("Zoë");
        row.Values["Last Name"].Should().Be("Ødegård");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case08_utf16_with_a_byte_order_mark_is_read_and_utf16_without_one_is_refused_not_read_as_garbage()
    {
        const string text = "Client ID,First Name,Last Name\r\n,Zoë,Ødegård\r\n";
        foreach (var encoding in new[] { new UnicodeEncoding(bigEndian: false, byteOrderMark: true), new UnicodeEncoding(bigEndian: true, byteOrderMark: true) })
        {
            var import = await UploadAsync(Bytes(encoding.GetPreamble(), encoding.GetBytes(text)));

            import.Status.Should().Be(ImportStatus.ReadyForReview, encoding.EncodingName);
            var row = await RowAsync(import, 2);
            row.Values["First Name"].Should().Be("Zoë");
            row.Values["Last Name"].Should().Be("Ødegård");
        }

        FileError(await UploadAsync(Encoding.Unicode.GetBytes(text))).Should().Contain("binary data (NUL bytes), the first on line 1.");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case09_windows_1252_is_read_as_windows_1252_with_a_warning_naming_the_first_line_that_is_not_utf8()
    {
        // "Renée", "Müller" and "Peña" in Windows-1252: é = E9, ü = FC, ñ = F1 are not UTF-8.
        var bytes = Bytes(Utf8("Client ID,First Name,Last Name,City\r\n,Ann,Lee,Tampa\r\n,Ren"), [0xE9], Utf8("e,M"), [0xFC], Utf8("ller,Pe"), [0xF1], Utf8("a\r\n"));

        var import = await UploadAsync(bytes);

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.FileWarnings.Should().ContainSingle().Which.Should().Be(
            "The file is not valid UTF-8 (the first invalid byte is on line 3), so it was read as Windows-1252 (Western European). If letters look wrong, save it as CSV UTF-8 and upload again.");
        var row = await RowAsync(import, 3);
        row.Status.Should().Be(RowStatus.Valid);
        (row.Values["First Name"], row.Values["Last Name"], row.Values["City"]).Should().Be(("Renée", "Müller", "Peña"));
        await ClientDataIsUnchangedAsync();
    }

    [Theory]
    [InlineData(949, "김민수", "서울")]         // Korean CP949, Pollock's Copy_of_2016-17_Q3_Final_V2.csv
    [InlineData(936, "王小明", "北京")]         // Simplified Chinese GBK
    [InlineData(932, "山田太郎", "東京")]        // Japanese Shift-JIS
    [InlineData(1251, "Иванова", "Москва")]    // Cyrillic
    [InlineData(1253, "Παπαδόπουλος", "Αθήνα")] // Greek
    public async Task Case10_other_legacy_encodings_are_refused_with_save_as_utf8_instead_of_imported_as_mojibake(int codePage, string name, string city)
    {
        var encoding = Encoding.GetEncoding(codePage);
        var bytes = encoding.GetBytes($"Client ID,First Name,Last Name,City\r\n,Ann,Lee,Tampa\r\n,{name},{name},{city}\r\n");

        var import = await UploadAsync(bytes);

        FileError(import).Should().StartWith("Unsupported encoding; save as UTF-8. The file is neither UTF-8 nor Western European (Windows-1252) text: line 3 holds letters of another encoding")
            .And.EndWith("In Excel choose Save As > CSV UTF-8 (Comma delimited) and upload again.");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case11_replacement_characters_are_accepted_with_a_warning_on_the_cell()
    {
        // U+FFFD typed in a UTF-8 file (text damaged before it reached us), and bad bytes in a file whose BOM says UTF-8.
        var damaged = await UploadAsync(",Jos\uFFFD,Lee\r\n".Insert(0, "Client ID,First Name,Last Name\r\n"));

        damaged.Status.Should().Be(ImportStatus.ReadyForReview);
        damaged.ValidRows.Should().Be(1, "a warning does not keep the row from being imported");
        var row = await RowAsync(damaged, 2);
        row.Status.Should().Be(RowStatus.Valid);
        row.Values["First Name"].Should().Be("Jos\uFFFD");
        var warning = row.Messages.Should().ContainSingle().Subject;
        warning.Column.Should().Be("First Name");
        warning.Severity.Should().Be("Warning");
        warning.Message.Should().StartWith("Contains replacement characters (\uFFFD); data may be corrupted.");

        var badBytes = Bytes([0xEF, 0xBB, 0xBF], Utf8("Client ID,First Name,Last Name\r\n,Ann,Lee\r\n,Caf"), [0xE9], Utf8(",Ng\r\n"));
        var withBom = await UploadAsync(badBytes);
        withBom.Status.Should().Be(ImportStatus.ReadyForReview);
        withBom.FileWarnings.Should().ContainSingle().Which.Should().StartWith("The file says it is UTF-8 but holds bytes that are not (the first on line 3)");
        var cafe = await RowAsync(withBom, 3);
        cafe.Values["First Name"].Should().Be("Caf\uFFFD");
        MessageOn(cafe, "First Name").Should().StartWith("Contains replacement characters");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case12_a_semicolon_header_selects_semicolons_and_values_keep_their_commas()
    {
        var import = await UploadAsync("Client ID;First Name;Last Name;City\r\n;Ann;Lee, Jr;Clearwater\r\n;\"Bo; Jo\";Ng;Tampa\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.FileWarnings.Should().BeEmpty();
        import.ValidRows.Should().Be(2, "four columns, not one column holding the whole line");
        var row2 = await RowAsync(import, 2);
        (row2.Values["First Name"], row2.Values["Last Name"], row2.Values["City"]).Should().Be(("Ann", "Lee, Jr", "Clearwater"));
        (await RowAsync(import, 3)).Values["First Name"].Should().Be("Bo; Jo");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case13_an_excel_sep_line_is_honoured_as_a_setting_and_is_not_the_header()
    {
        var import = await UploadAsync("sep=;\r\nClient ID;First Name;Last Name\r\n;Ann;Lee, Jr\r\n;Bo;Ng\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.FileWarnings.Should().ContainSingle().Which.Should().Be(
            "The first line 'sep=;' was read as Excel's separator setting (semicolon), not as data; the header is on the next line and counts as row 1.");
        import.TotalRows.Should().Be(2);
        var row = await RowAsync(import, 2);
        row.Values["Last Name"].Should().Be("Lee, Jr");
        (await RowAsync(import, 3)).Values["First Name"].Should().Be("Bo");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case14_tab_is_accepted_comma_space_is_a_comma_and_spaces_between_columns_are_refused_with_a_dialect_message()
    {
        var tabs = await UploadAsync("Client ID\tFirst Name\tLast Name\r\n\tAnn, Jo\tLee\r\n");
        tabs.Status.Should().Be(ImportStatus.ReadyForReview);
        (await RowAsync(tabs, 2)).Values["First Name"].Should().Be("Ann, Jo");

        // ", " is a comma followed by a space; every value is trimmed, so it reads right.
        var commaSpace = await UploadAsync("Client ID, First Name, Last Name\r\n, Ann, Lee\r\n");
        commaSpace.Status.Should().Be(ImportStatus.ReadyForReview);
        commaSpace.FileWarnings.Should().BeEmpty();
        var row = await RowAsync(commaSpace, 2);
        (row.Values["First Name"], row.Values["Last Name"]).Should().Be(("Ann", "Lee"));

        var spaces = await UploadAsync("ClientID FirstName LastName\r\n1 Ann Lee\r\n");
        FileError(spaces).Should().Be(
            "The columns seem to be separated by spaces: row 1 is a single column 'ClientID FirstName LastName'. Only commas, semicolons and tabs separate columns; save the file as CSV (Comma delimited) and upload again.");

        var bars = await UploadAsync("Client ID|First Name|Last Name\r\n|Ann|Lee\r\n");
        FileError(bars).Should().StartWith("The columns seem to be separated by vertical bars (|): row 1 is a single column 'Client ID|First Name|Last Name'.");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case15_cr_only_line_endings_split_records_correctly()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name\r,Ann,Lee\r,Bo,\"Ng\rJr\"\r3,Cy,Xu\r");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.TotalRows.Should().Be(3);
        (await RowAsync(import, 2)).Values["First Name"].Should().Be("Ann");
        var quoted = await RowAsync(import, 3);
        MessageOn(quoted, "Last Name").Should().Be("Last Name contains a line break; put the text on one line");
        var update = await RowAsync(import, 4);
        (update.Status, update.Action, update.Values["Client ID"]).Should().Be((RowStatus.Valid, (RowAction?)RowAction.Update, "3"));
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case16_mixed_lf_and_crlf_endings_keep_spreadsheet_row_numbers()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,Email\n,Ann,Lee,ann@example.org\r\n,Bo,Ng,bo@example.org\n\r\n,Cy,Xu,not-an-email\r\n,Di,Ko,di@example.org");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        (await RowsAsync(import)).Select(r => (r.RowNumber, r.Status)).Should().Equal(
            (2, RowStatus.Valid), (3, RowStatus.Valid), (4, RowStatus.Skipped), (5, RowStatus.Error), (6, RowStatus.Valid));
        MessageOn(await RowAsync(import, 5), "Email").Should().StartWith("Email must be an address like name@example.org");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case17_no_trailing_newline_and_double_trailing_newline_are_both_one_row()
    {
        foreach (var text in new[] { "Client ID,First Name,Last Name\r\n,Ann,Lee", "Client ID,First Name,Last Name\r\n,Ann,Lee\r\n\r\n", "Client ID,First Name,Last Name\n,Ann,Lee\n\n\n" })
        {
            var import = await UploadAsync(text);

            import.Status.Should().Be(ImportStatus.ReadyForReview);
            (import.TotalRows, import.ValidRows, import.SkippedRows).Should().Be((1, 1, 0), "a trailing blank line is not a record");
        }

        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case18_preamble_rows_before_the_header_fail_with_header_not_found_on_line_1_naming_the_header_row()
    {
        var preamble = "Client export\r\nGenerated 2024-01-31,by admin\r\n\r\nClient ID,First Name,Last Name\r\n,Ann,Lee\r\n";

        FileError(await UploadAsync(preamble)).Should().Be(
            "Header not found on line 1: the column names ('Client ID', 'First Name', 'Last Name') are on row 4. Delete the 3 rows above them so that the header is row 1, and upload again.");

        // Wave 2 (SPEC 16) changes this on purpose: with no template column in the first 51 rows, row 1 is taken as the
        // header to map and the import waits for a person (ColumnMappingApiTests), rather than failing.
        var noHeader = await UploadAsync("Ann,Lee,ann@example.org\r\nBo,Ng,bo@example.org\r\n");
        noHeader.Status.Should().Be(ImportStatus.AwaitingMapping);
        noHeader.FileErrors.Should().BeEmpty();
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case19_a_row_that_repeats_the_header_is_a_row_error_and_the_other_rows_go_on()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name\r\nclient id,FIRST NAME,Last Name\r\n,Ann,Lee\r\n,Bo,Ng\r\nClient ID,First Name,Last Name\r\n,Cy,Xu\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        (import.ValidRows, import.ErrorRows).Should().Be((3, 2));
        MessageOn(await RowAsync(import, 2), null).Should().Be(
            "Row 2 repeats the header (the column names); it is not data. Skip this row, or delete it from the file.");
        MessageOn(await RowAsync(import, 5), null).Should().StartWith("Row 5 repeats the header");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case20_a_second_table_in_the_file_fails_the_file_at_the_row_where_it_starts()
    {
        var byNames = await UploadAsync("Client ID,First Name,Last Name\r\n,Ann,Lee\r\n\r\nEmail,Last Name,First Name\r\nbo@example.org,Ng,Bo\r\n");
        FileError(byNames).Should().Be(
            "Row 4 starts a second table: its cells 'Email', 'Last Name', 'First Name' are column names, so it is another header row. A file must hold one table under one header row; split it into separate files and upload them one by one.");

        var byShape = await UploadAsync("Client ID,First Name,Last Name\r\n,Ann,Lee\r\n,Bo,Ng\r\n\r\n\r\nCourse Code,Section,Status,Date\r\nENG101,1,Enrolled,01/02/2024\r\n");
        FileError(byShape).Should().Be(
            "Row 6 starts a second table: after a blank row, rows 6 and 7 have 4 fields where the header has 3. A file must hold one table under one header row; split it into separate files and upload them one by one.");
        await ClientDataIsUnchangedAsync();
    }
}
