using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Fixes;

/// <summary>SPEC 20 over HTTP: problem groups, find and replace, bulk skip, the rows file, and the bad inputs of issue 20.</summary>
public class FixesApiTests
{
    private readonly TestEngine _engine;

    public FixesApiTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (<c>PostgreSql/PostgreSqlVariants</c>).</summary>
    protected FixesApiTests(TestEngine engine) => _engine = engine;

    private const string Header = "Client ID,First Name,Last Name,Email,Client Type,SSN";

    /// <summary>Rows 2-7 "Walk-in" (a typo of no list value), rows 8-10 "Studnet" (Did you mean 'Student'?), row 11 a bad e-mail, row 12 valid.</summary>
    private static string File()
    {
        var csv = new StringBuilder(Header + "\r\n");
        for (var i = 0; i < 6; i++)
        {
            csv.Append($",Ann{i},Lee,ann{i}@example.org,Walk-in,123-45-678{i}\r\n");
        }

        for (var i = 0; i < 3; i++)
        {
            csv.Append($",Bo{i},Ng,bo{i}@example.org,Studnet,\r\n");
        }

        csv.Append(",Cy,Ho,not-an-email,Student,\r\n");
        csv.Append(",Di,Yu,di@example.org,Alumni,\r\n");
        return csv.ToString();
    }

    private async Task<(TestApp App, ApiClient Api, ImportSummary Import)> StartAsync()
    {
        var app = new TestApp(engine: _engine);
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(File(), operation: "Add");
        import.Status.Should().Be(ImportStatus.ReadyForReview);
        (import.ErrorRows, import.ValidRows).Should().Be((10, 1));
        return (app, api, import);
    }

    private static async Task<PageDto<ProblemGroup>> ProblemsAsync(ApiClient api, int id) =>
        (await api.Http.GetFromJsonAsync<PageDto<ProblemGroup>>($"/api/imports/{id}/problems", ApiClient.Json))!;

    private static async Task<FixResult> PostAsync(ApiClient api, string path, object body)
    {
        var response = await api.Http.PostAsJsonAsync(path, body, ApiClient.Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<FixResult>(ApiClient.Json))!;
    }

    [Fact]
    public async Task Problems_are_grouped_by_column_rule_and_value_most_rows_first_with_the_suggestion()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        var problems = await ProblemsAsync(api, import.Id);

        problems.TotalCount.Should().Be(3);
        problems.Items.Select(g => (g.Column, g.Value, g.Count)).Should().Equal(
            ("Client Type", "Walk-in", 6), ("Client Type", "Studnet", 3), ("Email", "not-an-email", 1));
        problems.Items[0].Suggestion.Should().BeNull();
        problems.Items[1].Suggestion.Should().Be("Student");
        problems.Items[1].Message.Should().Contain("Did you mean 'Student'?");
    }

    [Fact]
    public async Task Replace_all_fixes_every_matching_error_row_and_the_counts_follow()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        var result = await PostAsync(api, $"/api/imports/{import.Id}/fixes",
            new { column = "Client Type", find = "studnet", replace = "Student", match = "Exact", status = "Error" });

        result.ChangedRows.Should().Be(3);
        (result.Counts.ValidRows, result.Counts.ErrorRows).Should().Be((4, 7));
        var rows = await api.RowsAsync(import.Id, "Valid");
        rows.Items.Where(r => r.Values["First Name"].StartsWith("Bo")).Select(r => r.Values["Client Type"]).Should().Equal("Student", "Student", "Student");
        (await ProblemsAsync(api, import.Id)).Items.Select(g => g.Value).Should().Equal("Walk-in", "not-an-email");
        await AssertCountsMatchRowsAsync(app, import.Id);
    }

    [Fact]
    public async Task Contains_replaces_every_occurrence_inside_the_cell_ignoring_case()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        var result = await PostAsync(api, $"/api/imports/{import.Id}/fixes",
            new { column = "Email", find = "EXAMPLE.ORG", replace = "example.com", match = "Contains", status = "All" });

        result.ChangedRows.Should().Be(10, "ten rows have an e-mail at example.org, valid or not");
        var row = await api.RowAsync(import.Id, 2);
        row.Values["Email"].Should().Be("ann0@example.com");
    }

    [Fact]
    public async Task A_replace_that_makes_valid_rows_invalid_counts_and_lists_them()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        var result = await PostAsync(api, $"/api/imports/{import.Id}/fixes",
            new { column = "Client Type", find = "Alumni", replace = "Former", match = "Exact", status = "All" });

        result.ChangedRows.Should().Be(1);
        result.NewErrorRows.Should().Be(1);
        result.NewErrorRowNumbers.Should().Equal(12);
        (result.Counts.ValidRows, result.Counts.ErrorRows).Should().Be((0, 11));
        await AssertCountsMatchRowsAsync(app, import.Id);
    }

    [Fact]
    public async Task A_replace_that_gives_a_row_another_row_s_key_counts_and_lists_that_row_too()
    {
        using var app = new TestApp(engine: _engine);
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync($"{Header}\r\n7,Ann,Lee,ann@example.org,Student,\r\n999,Bo,Ng,bo@example.org,Student,\r\n", operation: "AddUpdate");
        (import.ValidRows, import.ErrorRows).Should().Be((1, 1), "client 999 does not exist");

        var result = await PostAsync(api, $"/api/imports/{import.Id}/fixes",
            new { column = "Client ID", find = "999", replace = "7", match = "Exact", status = "Error" });

        result.ChangedRows.Should().Be(1);
        (result.Counts.ValidRows, result.Counts.ErrorRows).Should().Be((0, 2), "two rows now update client 7");
        result.NewErrorRows.Should().Be(1, "row 2 was valid and the replace made it an error, though it was not itself changed");
        result.NewErrorRowNumbers.Should().Equal(2);
    }

    [Fact]
    public async Task A_replace_on_a_column_the_domain_does_not_have_is_a_400_naming_the_columns()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        var response = await api.Http.PostAsJsonAsync($"/api/imports/{import.Id}/fixes",
            new { column = "Favourite Colour", find = "x", replace = "y", match = "Exact", status = "All" }, ApiClient.Json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ProblemAsync(response);
        problem.GetProperty("detail").GetString().Should().Contain("'Favourite Colour' is not a column").And.Contain("Client Type");
    }

    [Fact]
    public async Task A_replace_after_confirm_is_a_409_and_changes_nothing()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;
        (await api.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var response = await api.Http.PostAsJsonAsync($"/api/imports/{import.Id}/fixes",
            new { column = "Client Type", find = "Studnet", replace = "Student", match = "Exact", status = "Error" }, ApiClient.Json);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("was confirmed");
    }

    [Fact]
    public async Task Skip_by_status_skips_every_error_row_and_skip_by_numbers_those_rows()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        var some = await PostAsync(api, $"/api/imports/{import.Id}/rows/skip", new { rowNumbers = new[] { 2, 3, 12 } });
        some.ChangedRows.Should().Be(3);
        (some.Counts.ErrorRows, some.Counts.SkippedRows, some.Counts.ValidRows).Should().Be((8, 3, 0));

        var all = await PostAsync(api, $"/api/imports/{import.Id}/rows/skip", new { status = "Error" });
        all.ChangedRows.Should().Be(8);
        (all.Counts.ErrorRows, all.Counts.SkippedRows).Should().Be((0, 11));
        await AssertCountsMatchRowsAsync(app, import.Id);

        var wrong = await api.Http.PostAsJsonAsync($"/api/imports/{import.Id}/rows/skip", new { rowNumbers = new[] { 99 } }, ApiClient.Json);
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(wrong)).GetProperty("detail").GetString().Should().Contain("rows 2 to 12");
    }

    [Fact]
    public async Task The_error_rows_file_has_the_file_columns_and_messages_with_ssns_masked_for_an_importer()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        var response = await api.Http.GetAsync($"/api/imports/{import.Id}/rows.csv?status=Error");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = Rfc4180.Parse(await response.Content.ReadAsStringAsync());
        lines[0].Should().Equal("Client ID", "First Name", "Last Name", "Email", "SSN", "Client Type", "Error Messages");
        lines.Should().HaveCount(11, "the header and the ten error rows");
        lines[1][4].Should().Be("***-**-6780");
        lines[1][6].Should().Contain("'Walk-in' is not a valid Client Type");
        lines[^1][3].Should().Be("not-an-email");
    }

    [Fact]
    public async Task Support_gets_the_ssns_in_full_and_the_export_is_recorded()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;
        var support = await app.ApiAsync(Roles.Support);

        var text = await support.Http.GetStringAsync($"/api/imports/{import.Id}/rows.csv");

        Rfc4180.Parse(text)[1][4].Should().Be("123456780", "stored canonical, as the row API shows it");
        await using var db = app.CreateDbContext();
        (await db.Set<AuditEntry>().AsNoTracking().ToListAsync()).Should().Contain(a => a.Action == AuditActions.Export && a.Detail.Contains($"import {import.Id}"));
    }

    [Fact]
    public async Task A_problem_group_of_ssns_shows_the_value_masked_to_everyone()
    {
        using var app = new TestApp(engine: _engine);
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(Header + "\r\n,Ed,Oz,ed@example.org,Student,000-12-3456\r\n,Fy,Oz,fy@example.org,Student,000-12-3456\r\n", operation: "Add");

        foreach (var viewer in new[] { api, await app.ApiAsync(Roles.Support), await app.ApiAsync(Roles.Admin) })
        {
            var body = await viewer.Http.GetStringAsync($"/api/imports/{import.Id}/problems");

            var group = JsonSerializer.Deserialize<PageDto<ProblemGroup>>(body, ApiClient.Json)!.Items.Should().ContainSingle().Subject;
            (group.Column, group.Value, group.Count).Should().Be(("SSN", "***-**-3456", 2));
            body.Should().NotContain("000-12-3456").And.NotContain("000123456", "a list of problems is not an audited export or reveal");
        }
    }

    [Fact]
    public async Task A_corrected_file_names_the_import_it_fixes()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        var response = await PostCorrectionAsync(api, Header + "\r\n,Ann,Lee,ann@example.org,Student,\r\n", import.Id);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!.FixesImportId.Should().Be(import.Id);
    }

    /// <summary>An import that does not exist, or that the uploader cannot see, is a 400 naming the field, not a 404 on the upload's address.</summary>
    [Fact]
    public async Task A_corrected_file_naming_an_import_the_uploader_cannot_see_is_a_400_naming_the_field()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;
        var admin = await app.ApiAsync(Roles.Admin);
        (await admin.Http.PostAsJsonAsync("/api/admin/users", new { email = "other@example.org", password = "Another2026", roles = new[] { "Importer" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var other = await new ApiClient(app.CreateClient()).SignInAsync("other@example.org", "Another2026");

        foreach (var (uploader, fixes) in new[] { (api, 999_999), (other, import.Id) })
        {
            var response = await PostCorrectionAsync(uploader, Header + "\r\n,Ann,Lee,ann@example.org,Student,\r\n", fixes);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Be(
                $"fixesImportId {fixes} is not an import you can see. Give the Import ID of the import whose rows this file corrects (Import History shows it), or leave the field out.");
        }
    }

    [Fact]
    public async Task The_apps_own_error_rows_file_uploaded_back_as_a_correction_does_not_warn_about_its_Error_Messages_column()
    {
        using var app = new TestApp(engine: _engine);
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync("First Name,Last Name,Email,Client Type\r\nAnn,Lee,ann@example.org,Walk-in\r\nBo,Ng,bo@example.org,Student\r\n", operation: "Add");
        (import.ErrorRows, import.ValidRows).Should().Be((1, 1));
        var download = await api.Http.GetStringAsync($"/api/imports/{import.Id}/rows.csv?status=Error");
        download.Should().StartWith($"First Name,Last Name,Email,Client Type,{ErrorRowsFile.MessagesColumn}\r\n");
        var corrected = download.Replace(",Walk-in,", ",Student,");

        var fixedImport = await UploadCorrectionAsync(api, corrected, import.Id);

        (fixedImport.ValidRows, fixedImport.ErrorRows).Should().Be((1, 0));
        fixedImport.FileWarnings.Should().NotContain(w => w.Contains(ErrorRowsFile.MessagesColumn), "the app wrote that column itself");

        // A column the person added is still theirs to be told about.
        var withNickname = corrected.Replace("\r\n", ",Annie\r\n").Replace($"{ErrorRowsFile.MessagesColumn},Annie", $"{ErrorRowsFile.MessagesColumn},Nickname");
        var withUnknown = await UploadCorrectionAsync(api, withNickname, import.Id);

        withUnknown.FileWarnings.Should().ContainSingle().Which.Should().StartWith("Column 'Nickname' is not in the template and was ignored.");
    }

    /// <summary>Uploads <paramref name="csv"/> as a Client Add import correcting import <paramref name="fixes"/> (upload field fixesImportId).</summary>
    private static async Task<HttpResponseMessage> PostCorrectionAsync(ApiClient api, string csv, int fixes)
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "fixed.csv" },
            { new StringContent("Client"), "domain" },
            { new StringContent("Add"), "operation" },
            { new StringContent(fixes.ToString(System.Globalization.CultureInfo.InvariantCulture)), "fixesImportId" },
        };
        return await api.Http.PostAsync("/api/imports", content);
    }

    /// <summary>As <see cref="PostCorrectionAsync"/>, then waits until the correction is read and validated.</summary>
    private static async Task<ImportSummary> UploadCorrectionAsync(ApiClient api, string csv, int fixes)
    {
        using var response = await PostCorrectionAsync(api, csv, fixes);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        return await api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
    }

    [Fact]
    public async Task A_replace_racing_edits_of_the_same_rows_keeps_the_counts_exact()
    {
        var (app, api, import) = await StartAsync();
        using var _ = app;

        // The replace fixes rows 2-7; at the same time each of them is edited to another valid value.
        var replace = api.Http.PostAsJsonAsync($"/api/imports/{import.Id}/fixes",
            new { column = "Client Type", find = "Walk-in", replace = "Prospect", match = "Exact", status = "Error" }, ApiClient.Json);
        var edits = Enumerable.Range(2, 6).Select(n => api.Http.PutAsJsonAsync($"/api/imports/{import.Id}/rows/{n}",
            new { values = new Dictionary<string, string> { ["Client Type"] = "Alumni" } }, ApiClient.Json)).ToList();
        var responses = await Task.WhenAll(edits.Append(replace));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        var rows = await api.RowsAsync(import.Id);
        rows.Items.Where(r => r.RowNumber is >= 2 and <= 7).Should().OnlyContain(r => r.Status == RowStatus.Valid
            && (r.Values["Client Type"] == "Alumni" || r.Values["Client Type"] == "Prospect"), "each row got the edit or the replace, whichever came last");
        await AssertCountsMatchRowsAsync(app, import.Id);
        (await api.GetAsync(import.Id)).ErrorRows.Should().Be(4);
    }

    [Fact]
    public async Task A_replace_revalidates_the_rows_sharing_the_new_key()
    {
        using var app = new TestApp(engine: _engine);
        var api = await app.ApiAsync(Roles.Importer);
        // Rows 2 and 3 update clients 1 and 2; row 4 names client 999, which does not exist.
        var import = await api.ImportAsync(Header + "\r\n1,Ann,Lee,a@example.org,Student,\r\n2,Bo,Ng,b@example.org,Student,\r\n999,Cy,Ho,c@example.org,Student,\r\n", operation: "Update");
        (import.ValidRows, import.ErrorRows).Should().Be((2, 1));

        var result = await PostAsync(api, $"/api/imports/{import.Id}/fixes",
            new { column = "Client ID", find = "999", replace = "1", match = "Exact", status = "Error" });

        result.ChangedRows.Should().Be(1);
        (result.Counts.ValidRows, result.Counts.ErrorRows).Should().Be((1, 2), "row 2 now shares Client ID 1 with row 4: both are errors");
        (await api.RowAsync(import.Id, 2)).Messages.Should().Contain(m => m.Message.Contains("also appears on row 4"));
        await AssertCountsMatchRowsAsync(app, import.Id);
    }

    private static async Task AssertCountsMatchRowsAsync(TestApp app, int id)
    {
        await using var db = app.CreateDbContext();
        var import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == id);
        var rows = await db.ImportRows.AsNoTracking().Where(r => r.ImportId == id).Select(r => new { r.Status, r.Action }).ToListAsync();
        (import.ValidRows, import.ErrorRows, import.SkippedRows, import.InsertRows + import.UpdateRows).Should().Be(
            (rows.Count(r => r.Status == RowStatus.Valid), rows.Count(r => r.Status == RowStatus.Error), rows.Count(r => r.Status == RowStatus.Skipped),
                rows.Count(r => r.Status == RowStatus.Valid && r.Action != RowAction.None)), "the counters are the rows' statuses");
    }
}
