using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>A full Client import through the HTTP API, per operation (SPEC sections 4-6, 10, 12).</summary>
public class ClientImportApiTests : IAsyncLifetime
{
    private const string Header = "Client ID,First Name,Last Name,Email,Phone Number,SSN,Date of Birth,Address,City,State,Zip,Sponsor Name,Ethnicity,Language,Funding Source,Staff Name,Diploma Status,Job Status,Adult Client,Client Type";
    private readonly TestApp _app;

    public ClientImportApiTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (<c>Api/PostgreSql</c>).</summary>
    protected ClientImportApiTests(TestEngine engine) => _app = new TestApp(engine: engine);
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Messy_file_with_bom_quoted_newlines_and_errors_goes_through_review_fix_commit_and_results()
    {
        var csv = "\uFEFF" + Header + "\r\n" +
                  ",Ana,\"Gomez\",ana.gomez@example.org,727.123.1234,123-45-6789,1/2/1990,\"12 Main St\r\nApt 4\",Clearwater,fl,33755,Acme Manufacturing,hispanic or latino,Spanish,Scholarship,Priya Patel,Graduate Degree,Employed Full-Time,Yes,Student\r\n" +
                  ",Bo,Bad,not-an-email,123,000-12-3456,13/45/1990,,,ZZ,1234,,Hispanc,,,,,,,\r\n" +
                  ",,,,,,,,,,,,,,,,,,,\r\n" +
                  "999,Nobody,Here,,,,,,,,,,,,,,,,,\r\n";
        var import = await _api.ImportAsync(csv, operation: "AddUpdate");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.TotalRows.Should().Be(4);
        import.ValidRows.Should().Be(1);
        import.ErrorRows.Should().Be(2);
        import.SkippedRows.Should().Be(1);
        import.InsertRows.Should().Be(1);

        var valid = await _api.RowAsync(import.Id, 2);
        valid.Status.Should().Be(RowStatus.Valid);
        valid.Action.Should().Be(RowAction.Insert);
        valid.Values["Phone Number"].Should().Be("(727) 123-1234");
        valid.Values["SSN"].Should().Be("***-**-6789", "SSNs are masked unless Support or Admin reveal one row");
        valid.Values["Date of Birth"].Should().Be("01/02/1990");
        valid.Values["State"].Should().Be("FL");
        valid.Values["Ethnicity"].Should().Be("Hispanic or Latino");
        valid.Values["Address"].Should().Be("12 Main St\r\nApt 4");

        var bad = await _api.RowAsync(import.Id, 3);
        bad.Status.Should().Be(RowStatus.Error);
        bad.Messages.Select(m => m.Column).Should().Contain(["Email", "Phone Number", "SSN", "Date of Birth", "State", "Zip", "Ethnicity"]);
        bad.Messages.Single(m => m.Column == "Ethnicity").Message.Should().Be("'Hispanc' is not a valid Ethnicity. Did you mean 'Hispanic or Latino'?");
        bad.Messages.Should().NotContain(m => m.Message.Contains("000-12-3456") || m.Message.Contains("000123456"));

        (await _api.RowAsync(import.Id, 4)).Status.Should().Be(RowStatus.Skipped);
        var unknown = await _api.RowAsync(import.Id, 5);
        unknown.Messages.Should().ContainSingle(m => m.Column == "Client ID").Which.Message.Should().StartWith("Client ID 999 does not exist");

        var fixedRow = await _api.EditRowAsync(import.Id, 3, new()
        {
            ["Email"] = "bo.bad@example.org", ["Phone Number"] = "(727) 555-0100", ["SSN"] = "", ["Date of Birth"] = "",
            ["State"] = "FL", ["Zip"] = "01234", ["Ethnicity"] = "Hispanic or Latino",
        });
        fixedRow.Row.Status.Should().Be(RowStatus.Valid);
        fixedRow.Row.Messages.Should().BeEmpty();
        fixedRow.Import.ValidRows.Should().Be(2);
        fixedRow.Import.ErrorRows.Should().Be(1);

        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Status.Should().Be(ImportStatus.Committed);
        committed.Inserted.Should().Be(2);
        committed.Failed.Should().Be(0);

        var bytes = await _api.Http.GetByteArrayAsync($"/api/imports/{import.Id}/results.csv");
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "the results file is UTF-8 with a BOM so Excel opens it right");
        var results = Encoding.UTF8.GetString(bytes);
        results.Should().StartWith("\uFEFFRow Number,Status,Action,Created/Updated ID,Error Messages\r\n");
        var lines = results.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(5);
        lines[1].Should().MatchRegex(@"^2,Success,Insert,\d+,$");
        lines[2].Should().MatchRegex(@"^3,Success,Insert,\d+,$");
        lines[3].Should().StartWith("4,Skipped,,,");
        lines[4].Should().StartWith("5,Failed,,,\"Client ID 999 does not exist");

        var newId = int.Parse(lines[1].Split(',')[3]);
        var client = await _api.ClientAsync(newId);
        client.GetProperty("values").GetProperty("First Name").GetString().Should().Be("Ana");
        client.GetProperty("values").GetProperty("Zip").GetString().Should().Be("33755");
        var fixedClient = await _api.ClientAsync(int.Parse(lines[2].Split(',')[3]));
        fixedClient.GetProperty("values").GetProperty("Zip").GetString().Should().Be("01234");
    }

    [Fact]
    public async Task Update_changes_only_filled_cells_and_leaves_blank_cells_untouched()
    {
        var before = await _api.ClientAsync(1);
        before.GetProperty("values").GetProperty("Last Name").GetString().Should().Be("Lee");

        var import = await _api.ImportAsync("Client ID,First Name,Last Name,Email,City\n1,,,marco.new@example.org,\n", operation: "Update");
        import.ValidRows.Should().Be(1);
        import.UpdateRows.Should().Be(1);
        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Updated.Should().Be(1);

        var after = (await _api.ClientAsync(1)).GetProperty("values");
        after.GetProperty("Email").GetString().Should().Be("marco.new@example.org");
        after.GetProperty("First Name").GetString().Should().Be("Marco");
        after.GetProperty("Last Name").GetString().Should().Be("Lee");
        after.GetProperty("City").GetString().Should().Be("St. Petersburg");
        after.GetProperty("Phone Number").GetString().Should().Be("(773) 290-8836");
        (await _api.ResultsAsync(import.Id)).Should().Contain("2,Success,Update,1,");
    }

    [Fact]
    public async Task Update_without_client_id_is_a_row_error()
    {
        var import = await _api.ImportAsync("Client ID,First Name,Last Name\n,Ann,Smith\n", operation: "Update");
        var row = await _api.RowAsync(import.Id, 2);
        row.Status.Should().Be(RowStatus.Error);
        row.Messages.Should().ContainSingle(m => m.Column == "Client ID").Which.Message.Should().StartWith("Client ID is required for Update");
    }

    [Fact]
    public async Task Update_without_client_id_or_last_name_gets_only_the_client_id_message()
    {
        // An Update row never inserts, so the Insert rules' "Last Name is required to add a new client" is not added.
        var import = await _api.ImportAsync("Client ID,First Name,Last Name\n,Ann,\n", operation: "Update");
        var row = await _api.RowAsync(import.Id, 2);
        row.Status.Should().Be(RowStatus.Error);
        row.Messages.Should().ContainSingle().Which.Should().Match<RowMessageDto>(m => m.Column == "Client ID" && m.Message.StartsWith("Client ID is required for Update"));
    }

    [Fact]
    public async Task Add_inserts_new_clients_and_treats_a_filled_client_id_as_update()
    {
        var import = await _api.ImportAsync("First Name,Last Name,Client ID\nNew,Person,\nMarco,Lee,1\n", operation: "Add");
        import.InsertRows.Should().Be(1);
        import.UpdateRows.Should().Be(1);
        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Inserted.Should().Be(1);
        committed.Updated.Should().Be(1);
        var page = await _api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/clients?search=Person");
        page.GetProperty("totalCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Client_search_ignores_the_case_of_every_letter_on_either_engine()
    {
        var import = await _api.ImportAsync("First Name,Last Name,Email\nJosé,Álvarez,JOSE.ALVAREZ@EXAMPLE.ORG\n", operation: "Add", checkDuplicates: false);
        var committed = await _api.CommitAndWaitAsync(import.Id);
        var id = (int)(await _api.RowAsync(committed.Id, 2)).RecordId!.Value;

        async Task<List<int>> SearchAsync(string search) =>
            [.. (await _api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/clients?search={Uri.EscapeDataString(search)}&pageSize=100"))
                .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("clientId").GetInt32())];

        (await SearchAsync("MARCO")).Should().Equal(1, 3, 23);
        (await SearchAsync("o'CONNOR")).Should().Equal(2, 7, 38);
        (await SearchAsync("marco LEE")).Should().Equal(1);
        (await SearchAsync("ÁLVAREZ")).Should().Equal(id);
        (await SearchAsync("josé álvarez")).Should().Equal(id);
        (await SearchAsync("jose.alvarez@example")).Should().Equal(id);
        (await SearchAsync("100%")).Should().BeEmpty("% is text, not a wildcard");
    }

    [Fact]
    public async Task Add_without_a_name_is_a_row_error_naming_the_column()
    {
        var import = await _api.ImportAsync("First Name,Last Name\nAnn,\n", operation: "Add");
        var row = await _api.RowAsync(import.Id, 2);
        row.Messages.Should().ContainSingle(m => m.Column == "Last Name");
    }

    [Fact]
    public async Task The_same_client_id_on_several_rows_marks_each_row_naming_the_others_and_a_fix_clears_them()
    {
        var import = await _api.ImportAsync("Client ID,First Name\n2,A\n3,B\n2,C\n2,D\n", operation: "Update");
        import.ErrorRows.Should().Be(3);
        import.ValidRows.Should().Be(1);
        (await _api.RowAsync(import.Id, 2)).Messages.Single().Message.Should().StartWith("Client ID 2 also appears on rows 4, 5");
        (await _api.RowAsync(import.Id, 4)).Messages.Single().Message.Should().StartWith("Client ID 2 also appears on rows 2, 5");

        await _api.EditRowAsync(import.Id, 4, new() { ["Client ID"] = "4" });
        var skip = await _api.Http.PostAsync($"/api/imports/{import.Id}/rows/5/skip", null);
        skip.StatusCode.Should().Be(HttpStatusCode.OK);

        var after = await _api.GetAsync(import.Id);
        after.ValidRows.Should().Be(3);
        after.ErrorRows.Should().Be(0);
        after.SkippedRows.Should().Be(1);
        (await _api.RowAsync(import.Id, 2)).Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public async Task A_missing_required_column_fails_the_whole_file_with_a_message_naming_it()
    {
        var import = await _api.ImportAsync("First Name,Email\nAnn,a@b.org\n", operation: "Add");
        import.Status.Should().Be(ImportStatus.ValidationFailed);
        import.FileErrors.Should().ContainSingle().Which.Should().Contain("Last Name");
    }

    [Fact]
    public async Task Unknown_columns_are_warnings_and_header_names_match_ignoring_case_and_punctuation()
    {
        var import = await _api.ImportAsync("first_name,LAST NAME,Favourite Colour\nAnn,Smith,Blue\n", operation: "Add");
        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.ValidRows.Should().Be(1);
        import.FileWarnings.Should().ContainSingle(w => w.Contains("Favourite Colour"));
    }

    [Fact]
    public async Task Ragged_rows_are_row_errors_with_the_field_counts()
    {
        var import = await _api.ImportAsync("First Name,Last Name\nAnn,Smith,Extra\nBo,Jones\n", operation: "Add");
        var row = await _api.RowAsync(import.Id, 2);
        row.Messages.Single().Message.Should().Be("Row has 3 fields; the header has 2");
        import.ValidRows.Should().Be(1);
    }

    [Fact]
    public async Task Results_file_escapes_cells_a_spreadsheet_would_run_as_formulas()
    {
        var import = await _api.ImportAsync("First Name,Last Name\n=HYPERLINK(\"x\"),Smith\n", operation: "Add");
        await _api.CommitAndWaitAsync(import.Id);
        var results = await _api.ResultsAsync(import.Id);
        results.Should().Contain("2,Success,Insert,");
        var rows = await _api.RowsAsync(import.Id);
        rows.Items.Single().Values["First Name"].Should().Be("=HYPERLINK(\"x\")");
    }

    [Fact]
    public async Task Committing_twice_is_a_conflict_with_a_reason()
    {
        var import = await _api.ImportAsync("First Name,Last Name\nAnn,Smith\n", operation: "Add");
        await _api.CommitAndWaitAsync(import.Id);
        var again = await _api.Http.PostAsync($"/api/imports/{import.Id}/commit", null);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(again)).GetProperty("detail").GetString().Should().Contain("Committed");
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_that_say_what_to_do()
    {
        var badDomain = await _api.PostImportAsync(Encoding.UTF8.GetBytes("First Name,Last Name\nA,B\n"), "Clients", "Add");
        badDomain.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(badDomain)).GetProperty("detail").GetString().Should().Contain("Client, ClientAssignment");

        // Payment is offered by default since SPEC wave 2 (section 13), and only with Add.
        var payment = await _api.PostImportAsync(Encoding.UTF8.GetBytes("A\n1\n"), "Payment", "Update");
        payment.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(payment)).GetProperty("detail").GetString().Should().StartWith("Payments can only be added");

        var missing = await _api.Http.GetAsync("/api/imports/424242");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ApiClient.ProblemAsync(missing)).GetProperty("detail").GetString().Should().Contain("424242");

        var noClient = await _api.Http.GetAsync("/api/clients/99999");
        noClient.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task History_lists_imports_newest_first_and_filters_by_status()
    {
        var first = await _api.ImportAsync("First Name,Last Name\nAnn,Smith\n", operation: "Add");
        var second = await _api.ImportAsync("First Name\nAnn\n", operation: "Add");
        var all = await _api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/imports?page=1&pageSize=10");
        all.GetProperty("totalCount").GetInt32().Should().Be(2);
        all.GetProperty("items")[0].GetProperty("id").GetInt32().Should().Be(second.Id);
        var failed = await _api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/imports?status=ValidationFailed");
        failed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).Should().Equal(second.Id);
        first.Status.Should().Be(ImportStatus.ReadyForReview);
    }

    [Fact]
    public async Task Health_answers_once_the_database_is_ready()
    {
        var response = await _api.Http.GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var clients = await _api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/clients?pageSize=5");
        clients.GetProperty("totalCount").GetInt32().Should().Be(40);
    }
}
