using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Imports.Undo;

/// <summary>
/// Undo through the HTTP API (SPEC 21): an undone import leaves the record tables exactly as they were before it, cell
/// by cell; records a later import changed or depends on are kept and listed with the reason; statuses that do not
/// allow an undo are refused naming the status.
/// </summary>
public class UndoApiTests : IAsyncLifetime
{
    private const string ClientHeader = "Client ID,First Name,Last Name,Email,Phone Number,City";
    private readonly TestEngine _engine;
    private readonly TestApp _app;
    private ApiClient _importer = null!;
    private ApiClient _support = null!;

    public UndoApiTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (<c>PostgreSql/PostgreSqlVariants</c>).</summary>
    protected UndoApiTests(TestEngine engine)
    {
        _engine = engine;
        _app = new TestApp(engine: engine);
    }

    public async Task InitializeAsync()
    {
        _importer = await _app.ApiAsync(Roles.Importer);
        _support = await _app.ApiAsync(Roles.Support);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Undoing_an_insert_only_import_leaves_every_table_as_it_was_before_it()
    {
        var before = RecordTables.Snapshot(_app.ConnectionString);
        var import = await CommitAsync(CsvFiles.NewClients(30, "Undo"), "Add");
        import.Inserted.Should().Be(30);

        var undone = await UndoAsync(import.Id);

        undone.Status.Should().Be(ImportStatus.Undone);
        undone.UndoneRows.Should().Be(30);
        undone.KeptRows.Should().Be(0);
        RecordTables.Snapshot(_app.ConnectionString).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Undoing_an_update_only_import_restores_every_changed_cell_and_the_lineage_before_it()
    {
        // A first import changes client 3, so the undo of the second must give back that import's values and lineage.
        await CommitAsync($"{ClientHeader}\n3,,,first@example.org,,Tampa\n", "Update");
        var before = RecordTables.Snapshot(_app.ConnectionString);
        var import = await CommitAsync($"{ClientHeader}\n1,Changed,Name,one@example.org,,\n2,,,,(727) 555-0000,Largo\n3,,,second@example.org,,\n", "Update");
        import.Updated.Should().Be(3);
        (await _importer.ClientAsync(3)).GetProperty("lastImportId").GetInt32().Should().Be(import.Id);

        var undone = await UndoAsync(import.Id);

        undone.Status.Should().Be(ImportStatus.Undone);
        RecordTables.Snapshot(_app.ConnectionString).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Undoing_a_mixed_import_deletes_what_it_added_and_restores_what_it_updated()
    {
        var before = RecordTables.Snapshot(_app.ConnectionString);
        var import = await CommitAsync($"{ClientHeader}\n,New,Person,new@example.org,,\n5,,,five@example.org,,Dunedin\n,Other,Person,,,\n", "AddUpdate");
        import.Inserted.Should().Be(2);
        import.Updated.Should().Be(1);
        var created = (await _importer.ClientAsync((int)(await _importer.RowAsync(import.Id, 2)).RecordId!.Value));
        created.GetProperty("createdByImportId").GetInt32().Should().Be(import.Id);
        created.GetProperty("createdByRow").GetInt32().Should().Be(2);

        var undone = await UndoAsync(import.Id);

        undone.UndoneRows.Should().Be(3);
        RecordTables.Snapshot(_app.ConnectionString).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        var results = await UndoResultsAsync(import.Id);
        results.Should().Equal("Row Number,Status,Record ID,Reason", $"2,Undone,{created.GetProperty("clientId").GetInt32()},", "3,Undone,5,", results[3]);
        results[3].Should().StartWith("4,Undone,");
    }

    [Fact]
    public async Task A_record_a_later_import_changed_is_kept_and_reported_with_that_import()
    {
        var first = await CommitAsync($"{ClientHeader}\n1,,,a1@example.org,,\n2,,,a2@example.org,,\n", "Update");
        var later = await CommitAsync($"{ClientHeader}\n2,,,b2@example.org,,\n", "Update");

        var preview = await _support.Http.GetFromJsonAsync<UndoEndpoints.UndoPreviewDto>($"/api/imports/{first.Id}/undo", ApiClient.Json);
        preview!.Updates.Should().Be(2);
        preview.ChangedSince.Should().Be(1);
        preview.Message.Should().Contain("restore 2 it updated").And.Contain("1 of them were changed by a later import");

        var undone = await UndoAsync(first.Id);

        undone.UndoneRows.Should().Be(1);
        undone.KeptRows.Should().Be(1);
        (await _importer.ClientAsync(2)).GetProperty("values").GetProperty("Email").GetString().Should().Be("b2@example.org");
        (await _importer.ClientAsync(1)).GetProperty("values").GetProperty("Email").GetString().Should().NotBe("a1@example.org");
        var results = await UndoResultsAsync(first.Id);
        results[2].Should().StartWith("3,Kept,2,").And.Contain($"changed by import {later.Id} (row 2)");
    }

    [Fact]
    public async Task A_client_a_later_import_gave_an_assignment_is_kept()
    {
        var import = await CommitAsync($"{ClientHeader}\n,Kept,Client,,,\n,Gone,Client,,,\n", "Add");
        var kept = (await _importer.RowAsync(import.Id, 2)).RecordId!.Value;
        var assignments = await _importer.ImportAsync($"Client ID,CourseID,SectionID,Enrollment Status\n{kept},101,1001,Enrolled\n", "ClientAssignment", "Add");
        (await _importer.CommitAndWaitAsync(assignments.Id)).Inserted.Should().Be(1);

        var undone = await UndoAsync(import.Id);

        undone.KeptRows.Should().Be(1);
        undone.UndoneRows.Should().Be(1);
        RecordTables.Scalar(_app.ConnectionString, $"""SELECT COUNT(*) FROM "Clients" WHERE "ClientId" = {kept}""").Should().Be(1);
        RecordTables.Scalar(_app.ConnectionString, """SELECT COUNT(*) FROM "Clients" WHERE "FirstName" = 'Gone'""").Should().Be(0);
        (await UndoResultsAsync(import.Id))[1].Should().StartWith($"2,Kept,{kept},").And.Contain($"by import {assignments.Id}");
    }

    [Fact]
    public async Task A_paid_invoice_keeps_its_assignment_and_the_others_go_with_their_invoices()
    {
        var before = RecordTables.Snapshot(_app.ConnectionString);
        var import = await CommitAsync("Client ID,CourseID,SectionID,Enrollment Status\n39,101,1001,Enrolled\n38,101,1001,Enrolled\n", "Add", "ClientAssignment", invoices: true);
        import.Inserted.Should().Be(2);
        var paid = (await _importer.RowAsync(import.Id, 2)).InvoiceId!.Value;
        var payment = await _importer.ImportAsync($"Client ID,Invoice ID,Payment Date,Amount,Payment Method,Reference Number\n39,{paid},{DateTime.Today.AddDays(-1):MM/dd/yyyy},100,Cash,\n", "Payment", "Add");
        (await _importer.CommitAndWaitAsync(payment.Id)).Inserted.Should().Be(1);

        var undone = await UndoAsync(import.Id);

        undone.KeptRows.Should().Be(1);
        RecordTables.Scalar(_app.ConnectionString, $"""SELECT COUNT(*) FROM "Invoices" WHERE "InvoiceId" = {paid}""").Should().Be(1);
        RecordTables.Scalar(_app.ConnectionString, """SELECT COUNT(*) FROM "ClientAssignments" WHERE "ClientId" = 38 AND "SectionId" = 1001""").Should().Be(0);
        (await UndoResultsAsync(import.Id))[1].Should().Contain($"Invoice {paid}").And.Contain($"by import {payment.Id}");

        // Reversing the payment, then undoing the assignments again, gives back the tables as they were.
        (await UndoAsync(payment.Id)).UndoneRows.Should().Be(1);
        RecordTables.Scalar(_app.ConnectionString, $"""SELECT COUNT(*) FROM "Invoices" WHERE "InvoiceId" = {paid} AND "Status" = 'Open' AND CAST("Balance" AS REAL) = 1200""").Should().Be(1);
    }

    // The undo put back 'Spanish' after an administrator renamed it to 'Spanish (Castilian)': a value the list no longer
    // had, while every other Spanish-speaking client read the new text (outside audit).
    [Fact]
    public async Task A_value_renamed_since_the_import_is_restored_in_its_new_text()
    {
        (await _importer.ClientAsync(15)).GetProperty("values").GetProperty("Language").GetString().Should().Be("Spanish");
        var import = await CommitAsync("Client ID,Language\n15,Vietnamese\n", "Update");
        var admin = await _app.ApiAsync(Roles.Admin);
        var lists = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/select-lists");
        var spanish = lists.EnumerateArray().Single(f => f.GetProperty("field").GetString() == "Language")
            .GetProperty("values").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "Spanish");
        (await admin.Http.PutAsJsonAsync($"/api/admin/select-lists/{spanish.GetProperty("id").GetInt32()}", new { value = "Spanish (Castilian)" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var undone = await UndoAsync(import.Id);

        undone.UndoneRows.Should().Be(1);
        (await _importer.ClientAsync(15)).GetProperty("values").GetProperty("Language").GetString().Should().Be("Spanish (Castilian)");
    }

    [Fact]
    public async Task Undo_of_an_import_neither_committed_nor_cancelled_is_409_naming_its_status()
    {
        var import = await _importer.ImportAsync(CsvFiles.NewClients(2), operation: "Add");
        import.Status.Should().Be(ImportStatus.ReadyForReview);

        var response = await _support.Http.PostAsync($"/api/imports/{import.Id}/undo", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("ReadyForReview");
    }

    // The preview offered "Undo import 5: it has no committed clients left to undo. ..." for an import in review, and
    // "... it continues after them" for one undone already, while the undo itself answers 409 (outside audit).
    [Fact]
    public async Task The_undo_preview_of_an_import_that_cannot_be_undone_says_why_as_the_undo_does()
    {
        var inReview = await _importer.ImportAsync(CsvFiles.NewClients(2), operation: "Add");
        var undone = await CommitAsync(CsvFiles.NewClients(2, "Gone"), "Add");
        await UndoAsync(undone.Id);

        var reviewPreview = await _support.Http.GetFromJsonAsync<JsonElement>($"/api/imports/{inReview.Id}/undo");
        var undonePreview = await _support.Http.GetFromJsonAsync<JsonElement>($"/api/imports/{undone.Id}/undo");

        reviewPreview.GetProperty("message").GetString().Should().Be($"Import {inReview.Id} is ReadyForReview; only a Committed or Cancelled import can be undone.");
        undonePreview.GetProperty("message").GetString().Should().Be($"Import {undone.Id} is Undone: it was undone already.");
    }

    // "Import 12 is CommitFailed; only a Committed or Cancelled import can be undone." left the person without a way
    // on: a CommitFailed import cannot be cancelled either (outside audit).
    [Fact]
    public async Task Undo_of_a_CommitFailed_import_says_to_replay_it_first()
    {
        var import = await _importer.ImportAsync(CsvFiles.NewClients(2), operation: "Add");
        await using (var db = _app.CreateDbContext())
        {
            await db.Imports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.CommitFailed));
        }

        var response = await _support.Http.PostAsync($"/api/imports/{import.Id}/undo", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Be(
            $"Import {import.Id} is CommitFailed; only a Committed or Cancelled import can be undone. "
            + "Replay it to finish its commit (Support, Admin), then undo it: the undo takes back every row both runs committed.");
    }

    [Fact]
    public async Task An_undone_import_cannot_be_undone_again_nor_replayed()
    {
        var import = await CommitAsync(CsvFiles.NewClients(2), "Add");
        await UndoAsync(import.Id);

        var again = await _support.Http.PostAsync($"/api/imports/{import.Id}/undo", null);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(again)).GetProperty("detail").GetString().Should().Contain("Undone");
        var replay = await _support.Http.PostAsync($"/api/imports/{import.Id}/replay", null);
        replay.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(replay)).GetProperty("detail").GetString().Should().Contain("Undone");
    }

    [Fact]
    public async Task A_second_undo_while_one_runs_is_409()
    {
        var import = await CommitAsync(CsvFiles.NewClients(2), "Add");
        await using (var db = _app.CreateDbContext())
        {
            // As an undo in progress leaves it (the worker is not asked, so it stays Undoing).
            var tracked = db.Imports.Single(i => i.Id == import.Id);
            tracked.StartUndo("someone", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var response = await _support.Http.PostAsync($"/api/imports/{import.Id}/undo", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("already being undone");
    }

    [Fact]
    public async Task A_database_failure_ends_the_undo_UndoFailed_and_undoing_again_resumes_without_undoing_a_row_twice()
    {
        await using var app = new TestApp(new() { ["Import:CommitBatchSize"] = "5", ["Undo:FailAfterRows"] = "10" }, engine: _engine);
        var importer = await app.ApiAsync(Roles.Importer);
        var before = RecordTables.Snapshot(app.ConnectionString);
        var import = await importer.ImportAsync(CsvFiles.NewClients(40, "Resume"), operation: "Add");
        await importer.CommitAndWaitAsync(import.Id);

        var failed = await StartUndoAsync(importer, import.Id);
        failed.Status.Should().Be(ImportStatus.UndoFailed);
        failed.FailureReason.Should().Contain("undo the import again");
        failed.UndoneRows.Should().Be(10);

        // Each run fails after 10 more rows (the fourth after the last one); the fifth finds nothing left and ends Undone.
        var status = failed;
        for (var run = 0; run < 4 && status.Status != ImportStatus.Undone; run++)
        {
            status = await StartUndoAsync(importer, import.Id);
        }

        status.Status.Should().Be(ImportStatus.Undone);
        status.UndoneRows.Should().Be(40);
        RecordTables.Scalar(app.ConnectionString, $"""SELECT COUNT(*) FROM "ImportUndoResults" WHERE "ImportId" = {import.Id}""").Should().Be(40);
        RecordTables.Snapshot(app.ConnectionString).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    private static async Task<ImportSummary> StartUndoAsync(ApiClient api, int id)
    {
        var response = await api.Http.PostAsync($"/api/imports/{id}/undo", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await api.WaitForAsync(id, s => s.Status is ImportStatus.Undone or ImportStatus.UndoFailed);
    }

    private async Task<ImportSummary> CommitAsync(string csv, string operation, string domain = "Client", bool? invoices = null)
    {
        var import = await _importer.ImportAsync(csv, domain, operation, invoices);
        import.ErrorRows.Should().Be(0, string.Join("; ", (await _importer.RowsAsync(import.Id, "Error")).Items.SelectMany(r => r.Messages).Select(m => m.Message)));
        var done = await _importer.CommitAndWaitAsync(import.Id);
        done.Status.Should().Be(ImportStatus.Committed);
        return done;
    }

    private Task<ImportSummary> UndoAsync(int id) => StartUndoAsync(_support, id);

    private async Task<string[]> UndoResultsAsync(int id)
    {
        var response = await _support.Http.GetAsync($"/api/imports/{id}/undo-results.csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
