using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Alerts;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Reports;

/// <summary>View Results over HTTP (SPEC section 18): <c>GET /api/imports/{id}/report</c>.</summary>
public sealed class ImportReportApiTests
{
    private static async Task<JsonElement> ReportAsync(ApiClient api, int id, string query = "")
    {
        var response = await api.Http.GetAsync($"/api/imports/{id}/report{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<int> RowNumbers(JsonElement report) =>
        [.. report.GetProperty("rows").GetProperty("items").EnumerateArray().Select(r => r.GetProperty("rowNumber").GetInt32())];

    [Fact]
    public async Task A_partly_imported_file_lists_its_error_rows_and_the_rows_a_person_skipped_but_not_its_blank_rows()
    {
        using var app = new TestApp(new() { ["Support:Contact"] = "help@example.org" });
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "Client ID,First Name,Last Name,Email\n,Ana,One,\n9999,Bob,Two,\n,,,\n,Cy,Three,bad\n,Di,Four,\n", "partial.csv");
        (await api.Http.PostAsync($"/api/imports/{import.Id}/rows/6/skip", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await api.CommitAndWaitAsync(import.Id);

        var report = await ReportAsync(api, import.Id);

        report.GetProperty("outcome").GetString().Should().Be("PartiallyProcessed");
        report.GetProperty("summary").GetString().Should().Be("Partially processed: 3 rows skipped");
        var counts = report.GetProperty("counts");
        (counts.GetProperty("totalRows").GetInt32(), counts.GetProperty("inserted").GetInt32(), counts.GetProperty("updated").GetInt32(),
            counts.GetProperty("notImported").GetInt32(), counts.GetProperty("blankRows").GetInt32()).Should().Be((5, 1, 0, 3, 1));
        RowNumbers(report).Should().Equal(3, 5, 6);
        var rows = report.GetProperty("rows").GetProperty("items").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("status").GetString()).Should().Equal("Error", "Error", "Skipped");
        rows[0].GetProperty("messages")[0].GetProperty("message").GetString().Should().StartWith("Client ID 9999 does not exist");
        report.GetProperty("rows").GetProperty("totalCount").GetInt32().Should().Be(3);
        report.GetProperty("supportContact").GetString().Should().Be("For assistance with corrections, email help@example.org.");

        var second = await ReportAsync(api, import.Id, "?page=2&pageSize=2");
        RowNumbers(second).Should().Equal(6);
        second.GetProperty("rows").GetProperty("totalCount").GetInt32().Should().Be(3);
    }

    /// <summary>A page past the middle is read from the end of the list: every page holds the rows of its place, in row order.</summary>
    [Fact]
    public async Task Pages_walked_from_first_to_last_list_every_row_not_imported_once_in_order_in_review_and_after_the_commit()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api,
            "Client ID,First Name,Last Name,Email\n,Ana,One,\n9999,Bob,Two,\n,,,\n,Cy,Three,bad\n,Di,Four,\n,Ed,Five,bad\n,Fa,Six,\n,Gi,Seven,bad\n", "pages.csv");
        (await api.Http.PostAsync($"/api/imports/{import.Id}/rows/6/skip", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        async Task<List<List<int>>> PagesAsync()
        {
            var pages = new List<List<int>>();
            for (var page = 1; page <= 4; page++)
            {
                var report = await ReportAsync(api, import.Id, $"?page={page}&pageSize=2");
                report.GetProperty("rows").GetProperty("totalCount").GetInt32().Should().Be(5);
                pages.Add(RowNumbers(report));
            }

            return pages;
        }

        var expected = new List<List<int>> { new() { 3, 5 }, new() { 6, 7 }, new() { 9 }, new() };
        (await PagesAsync()).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), "in review: error rows and the row a person skipped, not the blank row 4");
        await api.CommitAndWaitAsync(import.Id);
        (await PagesAsync()).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), "after the commit: the same rows");
    }

    /// <summary>During review nothing is imported yet and nothing is lost yet: the report counts the rows it lists, those found not importable so far.</summary>
    [Fact]
    public async Task In_review_the_report_counts_as_not_imported_the_rows_it_lists_and_not_the_rows_waiting_for_the_commit()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "Client ID,First Name,Last Name\n,Ana,One\n9999,Bob,Two\n,Cy,Three\n", "review.csv");

        var report = await ReportAsync(api, import.Id);

        report.GetProperty("outcome").GetString().Should().Be("InProgress");
        report.GetProperty("counts").GetProperty("notImported").GetInt32().Should().Be(1, "row 3 is in error; rows 2 and 4 wait for the commit");
        report.GetProperty("rows").GetProperty("totalCount").GetInt32().Should().Be(1);
        RowNumbers(report).Should().Equal(3);
    }

    [Fact]
    public async Task A_fully_imported_file_has_no_rows_to_list_and_a_file_that_failed_gives_its_file_errors()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync();
        var full = await AlertApp.UploadAsync(api, "First Name,Last Name\nAna,Full\n\n,\nBen,Full\n", "full.csv");
        await api.CommitAndWaitAsync(full.Id);
        var bad = await AlertApp.UploadAsync(api, "Email\nx@example.org\n", "bad.csv");

        var fullReport = await ReportAsync(api, full.Id);
        fullReport.GetProperty("outcome").GetString().Should().Be("FullyProcessed");
        fullReport.GetProperty("summary").GetString().Should().Be("Fully processed");
        fullReport.GetProperty("counts").GetProperty("blankRows").GetInt32().Should().Be(2, "blank rows are neither imported nor skipped");
        RowNumbers(fullReport).Should().BeEmpty();

        var badReport = await ReportAsync(api, bad.Id);
        badReport.GetProperty("outcome").GetString().Should().Be("Failed");
        badReport.GetProperty("fileErrors").EnumerateArray().Select(e => e.GetString()).Should().Contain(e => e!.Contains("'First Name' is missing"));
    }

    [Fact]
    public async Task A_commit_that_stopped_lists_the_rows_it_never_reached_with_why()
    {
        using var app = new TestApp(new() { ["Commit:FailAfterRows"] = "2", ["Import:CommitBatchSize"] = "2" });
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "First Name,Last Name\nA,One\nB,Two\nC,Three\nD,Four\n", "stopped.csv");
        (await api.CommitAndWaitAsync(import.Id)).Status.Should().Be(ImportStatus.CommitFailed);

        var report = await ReportAsync(api, import.Id);

        report.GetProperty("outcome").GetString().Should().Be("Failed");
        report.GetProperty("failureReason").GetString().Should().Contain("Commit:FailAfterRows");
        report.GetProperty("counts").GetProperty("notImported").GetInt32().Should().Be(2);
        RowNumbers(report).Should().Equal(4, 5);
        report.GetProperty("rows").GetProperty("items")[0].GetProperty("messages")[0].GetProperty("message").GetString()
            .Should().Be("The commit stopped before this row. Replay the import to continue.");
    }

    private static async Task UndoAsync(ApiClient api, int id)
    {
        var response = await api.Http.PostAsync($"/api/imports/{id}/undo", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        (await api.WaitForAsync(id, s => s.Status is ImportStatus.Undone or ImportStatus.UndoFailed)).Status.Should().Be(ImportStatus.Undone);
    }

    /// <summary>The report describes what the file did, so an undo keeps it and says what the undo did beside it.</summary>
    [Fact]
    public async Task An_undone_import_keeps_the_outcome_counts_and_rows_of_its_commit_and_says_it_was_undone()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "First Name,Last Name,Email\nAna,One,\nBen,Two,bad\nCy,Three,\n", "undone.csv");
        await api.CommitAndWaitAsync(import.Id);
        var before = await ReportAsync(api, import.Id);
        before.GetProperty("undo").ValueKind.Should().Be(JsonValueKind.Null, "no undo has touched it yet");

        await UndoAsync(api, import.Id);
        var report = await ReportAsync(api, import.Id);

        report.GetProperty("status").GetString().Should().Be("Undone");
        report.GetProperty("outcome").GetString().Should().Be("PartiallyProcessed");
        report.GetProperty("summary").GetString().Should().Be("Partially processed: 1 row skipped; undone");
        report.GetProperty("counts").GetRawText().Should().Be(before.GetProperty("counts").GetRawText());
        RowNumbers(report).Should().Equal(3);
        var undo = report.GetProperty("undo");
        undo.GetProperty("status").GetString().Should().Be("Undone");
        undo.GetProperty("undoneBy").GetString().Should().Be("importer@bulkimport.local");
        (undo.GetProperty("undoneRows").GetInt32(), undo.GetProperty("keptRows").GetInt32()).Should().Be((2, 0));
        undo.GetProperty("endedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task An_undone_cancelled_import_stays_Failed_and_still_lists_the_rows_its_commit_never_reached()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "First Name,Last Name\nAna,One\nBen,Two\n", "cancelled.csv");
        (await api.Http.PostAsync($"/api/imports/{import.Id}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var cancelled = await ReportAsync(api, import.Id);
        cancelled.GetProperty("failureReason").GetString().Should()
            .MatchRegex(@"^Cancelled by importer@bulkimport\.local at \d{4}-\d\d-\d\d \d\d:\d\d UTC, before any row was committed\. Replay the import to commit the rest\.$");
        await UndoAsync(api, import.Id);

        var report = await ReportAsync(api, import.Id);
        // Still why it failed, but an undone import can no longer be replayed.
        report.GetProperty("failureReason").GetString().Should().StartWith("Cancelled by importer@bulkimport.local at ")
            .And.EndWith("before any row was committed.");

        report.GetProperty("outcome").GetString().Should().Be("Failed");
        report.GetProperty("summary").GetString().Should().Be("Cancelled; undone");
        report.GetProperty("counts").GetProperty("notImported").GetInt32().Should().Be(2);
        RowNumbers(report).Should().Equal(2, 3);
        report.GetProperty("rows").GetProperty("items")[0].GetProperty("messages")[0].GetProperty("message").GetString()
            .Should().Be("The import was cancelled before this row was committed.");
        (await api.ResultsAsync(import.Id)).Should().Contain("2,Not imported,Insert,,The import was cancelled before this row was committed.")
            .And.Contain("3,Not imported,Insert,,The import was cancelled before this row was committed.");
    }

    [Fact]
    public async Task Whoever_may_see_an_import_reads_its_report_and_downloads_its_results_supervisors_included()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync();
        var import = await AlertApp.UploadAsync(api, "First Name,Last Name\nSue,Pervisor\n", "seen.csv");
        await api.CommitAndWaitAsync(import.Id);
        var supervisor = await app.ApiAsync(Roles.Supervisor);

        (await supervisor.Http.GetAsync($"/api/imports/{import.Id}/report")).StatusCode.Should().Be(HttpStatusCode.OK);
        var results = await supervisor.Http.GetAsync($"/api/imports/{import.Id}/results.csv");
        results.StatusCode.Should().Be(HttpStatusCode.OK, "a supervisor who can see an import may download its results (SPEC 18)");
        (await results.Content.ReadAsStringAsync()).Should().Contain("2,Success,Insert,");
    }
}
