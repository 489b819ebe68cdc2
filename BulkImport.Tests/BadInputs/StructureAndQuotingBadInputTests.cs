using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.BadInputs;

/// <summary>BAD-INPUTS.md cases 21-31: field counts, padding, quotes and line breaks inside records.</summary>
public class StructureAndQuotingBadInputTests : BadInputApiTest
{
    public StructureAndQuotingBadInputTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine.</summary>
    protected StructureAndQuotingBadInputTests(TestEngine engine)
        : base(engine: engine)
    {
    }

    [Fact]
    public async Task Case21_a_row_with_too_few_fields_is_a_row_error_with_both_counts()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,Email\r\n,Ann,Lee,ann@example.org\r\n,Bo,Ng\r\n,Cy,Xu,cy@example.org\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        var row = await RowAsync(import, 3);
        row.Status.Should().Be(RowStatus.Error);
        MessageOn(row, null).Should().Be("Row has 3 fields; the header has 4");
        (import.ValidRows, import.ErrorRows).Should().Be((2, 1));
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case22_a_row_with_too_many_fields_is_a_row_error_and_extra_cells_are_never_dropped_silently()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,Email\r\n,Ann,Lee,ann@example.org\r\n,Bo,Ng,bo@example.org,extra\r\n");

        var row = await RowAsync(import, 3);
        row.Status.Should().Be(RowStatus.Error);
        MessageOn(row, null).Should().Be("Row has 5 fields; the header has 4");
        (await RowAsync(import, 2)).Status.Should().Be(RowStatus.Valid);
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case23_trailing_empty_columns_with_blank_headers_are_ignored_but_a_value_under_a_blank_header_fails_the_file()
    {
        var padded = await UploadAsync("Client ID,First Name,Last Name,,,\r\n,Ann,Lee,,,\r\n,Bo,Ng\r\n,Cy,Xu, , ,\r\n");

        padded.Status.Should().Be(ImportStatus.ReadyForReview);
        padded.FileWarnings.Should().BeEmpty();
        (padded.TotalRows, padded.ValidRows).Should().Be((3, 3));

        var unexpected = await UploadAsync("Client ID,First Name,Last Name,,,\r\n,Ann,Lee,,,\r\n,Bo,Ng,,x,\r\n");
        FileError(unexpected).Should().Be(
            "Row 3 has a value in column 5 (E), which has no header. Add a column name in row 1 or delete the values in that column, then upload again.");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case24_an_unterminated_quote_fails_the_file_naming_the_row_line_and_column_where_it_opens()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name\r\n,Ann,\"Lee\r\nJr\",\r\n,\"Bo,Ng\r\n,Cy,Xu\r\n");

        FileError(import).Should().Be(
            "Unterminated quote: the quoted value in column 'First Name' that opens on row 3 (line 4) never closes. Check for a missing closing quote (\") and upload again.");
        (await Api.RowsAsync(import.Id)).TotalCount.Should().Be(0, "the row read before the quote is not kept");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case24_a_runaway_quote_in_a_200_MB_file_fails_at_the_row_cap_naming_the_row_where_it_opened()
    {
        var path = Path.Combine(App.DataFolder, "runaway.csv");
        RunawayQuoteFile.Write(path, 200L * 1024 * 1024);
        try
        {
            await using var stream = File.OpenRead(path);
            using var content = new MultipartFormDataContent();
            var file = new StreamContent(stream);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(file, "file", "runaway.csv");
            content.Add(new StringContent("Client"), "domain");
            content.Add(new StringContent("AddUpdate"), "operation");
            var response = await Api.Http.PostAsync("/api/imports", content);
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;

            // Reading stops at the 1 MB row cap instead of reading 200 MB into one value; the memory this takes is
            // measured by RunawayQuoteMemoryTests, and speed is not asserted (CI machines are loaded).
            var import = await Api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating, timeoutSeconds: 120);

            FileError(import).Should().Be(
                $"Unterminated quote: row {RunawayQuoteFile.QuoteRow} (line {RunawayQuoteFile.QuoteRow}) runs past 1 MB, the limit for one row, so a quoted value that opens on it probably never closes. Check for a missing closing quote (\") and upload again.");
        }
        finally
        {
            File.Delete(path);
        }

        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case25_a_stray_quote_inside_an_unquoted_value_is_kept_literally_and_the_rest_stays_aligned()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,City\r\n,37°36'37.8\"N,Lee,5\" Street\r\n,Bo,Ng,Tampa\r\n");

        import.ValidRows.Should().Be(2);
        var row = await RowAsync(import, 2);
        (row.Values["First Name"], row.Values["City"]).Should().Be(("37°36'37.8\"N", "5\" Street"));
        (await RowAsync(import, 3)).Values["City"].Should().Be("Tampa");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case26_spaces_around_quoted_values_are_trimmed_by_the_documented_rule()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,City\r\n, \"John\", \"Smith, Jr\" ,\t\"St. Pete\"\r\n");

        var row = await RowAsync(import, 2);
        row.Status.Should().Be(RowStatus.Valid);
        (row.Values["First Name"], row.Values["Last Name"], row.Values["City"]).Should().Be(("John", "Smith, Jr", "St. Pete"));
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case27_line_breaks_inside_quoted_values_are_kept_and_problems_name_the_row_and_its_line_range()
    {
        const string header = "Client ID,First Name,Last Name,Address,Email\r\n";
        var import = await UploadAsync(header
            + ",Ann,Lee,\"12 Main St\r\nApt 4\",ann@example.org\r\n"
            + ",Bo,Ng,\"PO Box 9\nSuite 1\",not-an-email\r\n"
            + ",Cy,Xu,\"1 Bay Rd\r\nUnit 2\",cy@example.org,extra\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.TotalRows.Should().Be(3, "a quoted value over two lines is still one row");
        var ann = await RowAsync(import, 2);
        ann.Status.Should().Be(RowStatus.Valid);
        ann.Values["Address"].Should().Be("12 Main St\r\nApt 4");
        MessageOn(await RowAsync(import, 3), "Email").Should().StartWith("Email must be an address like name@example.org");
        MessageOn(await RowAsync(import, 4), null).Should().Be("Row has 6 fields; the header has 5 (lines 6-7 of the file)");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case28_doubled_quotes_inside_a_quoted_value_are_one_quote()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,City\r\n,\"ha \"\"ha\"\" ha\",Lee,\"\"\"Quoted\"\" Town\"\r\n");

        var row = await RowAsync(import, 2);
        row.Status.Should().Be(RowStatus.Valid);
        (row.Values["First Name"], row.Values["City"]).Should().Be(("ha \"ha\" ha", "\"Quoted\" Town"));
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case29_backslash_escaped_quotes_are_flagged_on_the_row_instead_of_mis_split()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,City\r\n"
            + ",\"ha \\\"ha\\\" ha\",Lee,Tampa\r\n"
            + ",\"Smith \\\"Jr, Esq\\\"\",Ng,Tampa\r\n"
            + ",Bo,Ng,\"C:\\temp\\\"\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        var row2 = await RowAsync(import, 2);
        row2.Status.Should().Be(RowStatus.Error);
        MessageOn(row2, null).Should().Be(
            "Row uses backslash-escaped quotes (\\\"), which CSV does not have, so its values may be split in the wrong places. Inside a quoted value write a quote as two quotes (\"\"), or fix the cells here.");
        var row3 = await RowAsync(import, 3);
        row3.Status.Should().Be(RowStatus.Error);
        row3.Messages.Select(m => m.Message).Should().Contain(m => m.StartsWith("Row uses backslash-escaped quotes"))
            .And.Contain("Row has 5 fields; the header has 4");

        // A quoted value that only ends with a backslash is ordinary CSV.
        var row4 = await RowAsync(import, 4);
        row4.Status.Should().Be(RowStatus.Valid);
        row4.Values["City"].Should().Be("C:\\temp\\");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case30_apostrophes_are_data_not_quotes_so_a_comma_inside_them_is_caught_by_the_field_count()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,City\r\n,'Ann',O'Neil,Tampa\r\n,'Lee, Jr',Bo,Tampa\r\n");

        var row2 = await RowAsync(import, 2);
        row2.Status.Should().Be(RowStatus.Valid);
        (row2.Values["First Name"], row2.Values["Last Name"]).Should().Be(("'Ann'", "O'Neil"));
        MessageOn(await RowAsync(import, 3), null).Should().Be("Row has 5 fields; the header has 4");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case31_blank_and_white_space_lines_mid_file_are_skipped_rows_that_keep_the_numbering()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,Email\r\n,Ann,Lee,ann@example.org\r\n\r\n   \r\n , ,\u00A0, \r\n\t\r\n,Bo,Ng,bad\r\n\r\n\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        (import.TotalRows, import.ValidRows, import.ErrorRows, import.SkippedRows).Should().Be((6, 1, 1, 4), "blank lines at the very end are not rows");
        (await RowsAsync(import)).Select(r => (r.RowNumber, r.Status)).Should().Equal(
            (2, RowStatus.Valid), (3, RowStatus.Skipped), (4, RowStatus.Skipped), (5, RowStatus.Skipped), (6, RowStatus.Skipped), (7, RowStatus.Error));
        MessageOn(await RowAsync(import, 7), "Email").Should().StartWith("Email must be an address");
        await ClientDataIsUnchangedAsync();
    }
}

/// <summary>A large file whose third data row opens a quote that never closes.</summary>
internal static class RunawayQuoteFile
{
    /// <summary>The row (and line) where the quote opens.</summary>
    public const int QuoteRow = 4;

    public static void Write(string path, long size)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var head = Encoding.UTF8.GetBytes("Client ID,First Name,Last Name,City\r\n,Ann,Lee,Tampa\r\n,Bo,Ng,Tampa\r\n,\"Cy,Xu,Tampa\r\n");
        stream.Write(head);
        var line = Encoding.UTF8.GetBytes(",Lorem ipsum,dolor sit amet,consectetur adipiscing elit\r\n");
        var block = new byte[line.Length * 1024];
        for (var i = 0; i < 1024; i++)
        {
            line.CopyTo(block, i * line.Length);
        }

        for (var written = (long)head.Length; written < size; written += block.Length)
        {
            stream.Write(block);
        }
    }
}
