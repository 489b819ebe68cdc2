using System.Globalization;
using System.Net;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Api;

/// <summary>
/// A full Client Assignment import through the HTTP API, per operation, with and without Auto Create Invoices
/// (SPEC sections 7, 10, 12). Clients 3 and 5 of the demo data have no assignments; client 6 is in CourseID 101, SectionID 1001.
/// </summary>
public class ClientAssignmentImportApiTests : IAsyncLifetime
{
    private const string Header = "Client ID,CourseID,SectionID,Enrollment Status,Enrollment Date,Registered By,Transcript Status,Sponsor (Company),Marketing Source";
    private const int DemoAssignments = 60;
    private readonly TestApp _app;

    public ClientAssignmentImportApiTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (<c>Api/PostgreSql</c>).</summary>
    protected ClientAssignmentImportApiTests(TestEngine engine) => _app = new TestApp(engine: engine);
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Today => DateTime.Now.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The invoices imports created: the 30 demo invoices of SPEC section 13 (5001-5030) are not counted.</summary>
    private async Task<int> InvoiceCountAsync()
    {
        await using var db = _app.CreateDbContext();
        return await db.Invoices.CountAsync(i => i.InvoiceId > 5030);
    }

    private async Task<JsonElement> AssignmentAsync(int clientId, int courseId, int sectionId)
    {
        var client = await _api.ClientAsync(clientId);
        return client.GetProperty("assignments").EnumerateArray()
            .Single(a => a.GetProperty("courseId").GetInt32() == courseId && a.GetProperty("sectionId").GetInt32() == sectionId);
    }

    [Fact]
    public async Task Add_with_auto_create_invoices_gives_each_new_assignment_one_open_invoice_for_its_course_fee()
    {
        var import = await _api.ImportAsync(
            Header + "\n3,101,1001,Enrolled,03/02/2026,Online,Not Requested,None,Website\n3,201,1006,Waitlisted,,,,,\n5,601,1020,Enrolled,,,,,\n",
            domain: "ClientAssignment", operation: "Add", autoCreateInvoices: true);
        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.InsertRows.Should().Be(3);
        import.AutoCreateInvoices.Should().BeTrue();

        var committed = await _api.CommitAndWaitAsync(import.Id);

        committed.Status.Should().Be(ImportStatus.Committed);
        committed.Inserted.Should().Be(3);
        (await InvoiceCountAsync()).Should().Be(3);
        var cna = await AssignmentAsync(3, 101, 1001);
        cna.GetProperty("values").GetProperty("Registered By").GetString().Should().Be("Online");
        var invoice = cna.GetProperty("invoices").EnumerateArray().Should().ContainSingle().Subject;
        invoice.GetProperty("amount").GetDecimal().Should().Be(1200.00m);
        invoice.GetProperty("status").GetString().Should().Be("Open");
        invoice.GetProperty("invoiceDate").GetString().Should().Be(Today);
        (await AssignmentAsync(3, 201, 1006)).GetProperty("invoices")[0].GetProperty("amount").GetDecimal().Should().Be(2400.00m);
        (await AssignmentAsync(5, 601, 1020)).GetProperty("invoices")[0].GetProperty("amount").GetDecimal().Should().Be(4500.00m);

        var results = (await _api.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        results[0].Should().Be("Row Number,Status,Action,Created/Updated ID,Error Messages,Invoice ID");
        var first = results[1].Split(',');
        first[..3].Should().Equal("2", "Success", "Insert");
        first[3].Should().Be(cna.GetProperty("assignmentId").GetInt32().ToString(CultureInfo.InvariantCulture));
        first[5].Should().Be(invoice.GetProperty("invoiceId").GetInt32().ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Add_without_auto_create_invoices_creates_no_invoice_and_the_results_have_no_invoice_column()
    {
        var import = await _api.ImportAsync(Header + "\n3,101,1001,Enrolled,,,,,\n", domain: "ClientAssignment", operation: "Add", autoCreateInvoices: false);

        var committed = await _api.CommitAndWaitAsync(import.Id);

        committed.Inserted.Should().Be(1);
        (await InvoiceCountAsync()).Should().Be(0);
        (await AssignmentAsync(3, 101, 1001)).GetProperty("invoices").GetArrayLength().Should().Be(0);
        (await _api.ResultsAsync(import.Id)).TrimStart('\uFEFF').Should().StartWith("Row Number,Status,Action,Created/Updated ID,Error Messages\r\n");
    }

    [Fact]
    public async Task Add_of_an_existing_assignment_is_a_row_error_and_only_the_new_rows_are_committed()
    {
        var import = await _api.ImportAsync(Header + "\n6,101,1001,Completed,,,,,\n3,101,1001,Enrolled,,,,,\n", domain: "ClientAssignment", operation: "Add", autoCreateInvoices: true);
        import.ErrorRows.Should().Be(1);
        import.ValidRows.Should().Be(1);
        var row = await _api.RowAsync(import.Id, 2);
        row.Messages.Should().ContainSingle().Which.Message.Should().Contain("use Update or Add & Update");

        var committed = await _api.CommitAndWaitAsync(import.Id);

        committed.Inserted.Should().Be(1);
        (await InvoiceCountAsync()).Should().Be(1);
        (await AssignmentAsync(6, 101, 1001)).GetProperty("values").GetProperty("Enrollment Status").GetString().Should().Be("No Show");
    }

    [Fact]
    public async Task Update_changes_filled_cells_of_existing_assignments_and_never_creates_invoices()
    {
        var import = await _api.ImportAsync("Client ID,CourseID,SectionID,Transcript Status\n6,101,1001,Sent\n", domain: "ClientAssignment", operation: "Update");
        import.UpdateRows.Should().Be(1);

        var committed = await _api.CommitAndWaitAsync(import.Id);

        committed.Updated.Should().Be(1);
        var values = (await AssignmentAsync(6, 101, 1001)).GetProperty("values");
        values.GetProperty("Transcript Status").GetString().Should().Be("Sent");
        values.GetProperty("Enrollment Status").GetString().Should().Be("No Show");
        values.GetProperty("Marketing Source").GetString().Should().Be("Print");
        (await InvoiceCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Update_with_auto_create_invoices_is_refused()
    {
        var response = await _api.PostImportAsync("Client ID,CourseID,SectionID\n6,101,1001\n"u8.ToArray(), "ClientAssignment", "Update", autoCreateInvoices: true);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("Add or Add & Update");
    }

    [Fact]
    public async Task Update_with_a_changed_section_id_names_another_assignment_and_moves_nobody()
    {
        var import = await _api.ImportAsync("Client ID,CourseID,SectionID,Enrollment Status\n6,101,1002,Enrolled\n", domain: "ClientAssignment", operation: "Update");

        import.ErrorRows.Should().Be(1);
        (await _api.RowAsync(import.Id, 2)).Messages.Single().Message.Should().StartWith("Client 6, CourseID 101, SectionID 1002 does not exist.");
        await using var db = _app.CreateDbContext();
        (await db.ClientAssignments.CountAsync(a => a.ClientId == 6 && a.CourseId == 101)).Should().Be(1);
    }

    [Fact]
    public async Task Add_and_update_with_invoices_inserts_new_assignments_with_an_invoice_and_updates_existing_ones_without()
    {
        var import = await _api.ImportAsync(Header + "\n6,101,1001,Completed,,,,,\n3,102,1004,Enrolled,,,,,\n", domain: "ClientAssignment", operation: "AddUpdate", autoCreateInvoices: true);
        import.UpdateRows.Should().Be(1);
        import.InsertRows.Should().Be(1);

        var committed = await _api.CommitAndWaitAsync(import.Id);

        committed.Inserted.Should().Be(1);
        committed.Updated.Should().Be(1);
        (await InvoiceCountAsync()).Should().Be(1);
        (await AssignmentAsync(3, 102, 1004)).GetProperty("invoices")[0].GetProperty("amount").GetDecimal().Should().Be(950.00m);
        var updated = await AssignmentAsync(6, 101, 1001);
        updated.GetProperty("values").GetProperty("Enrollment Status").GetString().Should().Be("Completed");
        // It keeps its demo invoice 5004 (SPEC section 13's reference data) and gets none from the import.
        updated.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("invoiceId").GetInt32()).Should().Equal(5004);
        var results = await _api.ResultsAsync(import.Id);
        results.Should().MatchRegex(@"\r\n2,Success,Update,\d+,,\r\n");
        results.Should().MatchRegex(@"\r\n3,Success,Insert,\d+,,\d+\r\n");
    }

    [Fact]
    public async Task Add_and_update_without_an_enrollment_status_column_errors_only_the_rows_that_would_insert()
    {
        var import = await _api.ImportAsync("Client ID,CourseID,SectionID,Marketing Source\n6,101,1001,Radio\n3,101,1001,Radio\n", domain: "ClientAssignment", operation: "AddUpdate");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.UpdateRows.Should().Be(1);
        import.ErrorRows.Should().Be(1);
        (await _api.RowAsync(import.Id, 3)).Messages.Single().Column.Should().Be("Enrollment Status");
    }

    [Fact]
    public async Task Add_without_an_enrollment_status_column_fails_the_file_naming_it()
    {
        var import = await _api.ImportAsync("Client ID,CourseID,SectionID\n3,101,1001\n", domain: "ClientAssignment", operation: "Add");

        import.Status.Should().Be(ImportStatus.ValidationFailed);
        import.FileErrors.Should().ContainSingle().Which.Should().Contain("Enrollment Status");
    }

    [Fact]
    public async Task Client_course_and_section_must_exist_and_the_section_must_belong_to_the_course()
    {
        var import = await _api.ImportAsync(Header + "\n999,101,1001,Enrolled,,,,,\n3,999,1001,Enrolled,,,,,\n3,101,9999,Enrolled,,,,,\n3,101,1004,Enrolled,,,,,\n",
            domain: "ClientAssignment", operation: "AddUpdate");

        import.ErrorRows.Should().Be(4);
        var rows = (await _api.RowsAsync(import.Id)).Items;
        rows[0].Messages.Single().Should().Match<RowMessageDto>(m => m.Column == "Client ID" && m.Message.StartsWith("Client ID 999 does not exist"));
        rows[1].Messages.Single().Should().Match<RowMessageDto>(m => m.Column == "CourseID" && m.Message.StartsWith("CourseID 999 does not exist"));
        rows[2].Messages.Single().Should().Match<RowMessageDto>(m => m.Column == "SectionID" && m.Message.StartsWith("SectionID 9999 does not exist"));
        rows[3].Messages.Single().Should().Match<RowMessageDto>(m => m.Column == "SectionID" && m.Message.StartsWith("SectionID 1004 belongs to CourseID 102, not CourseID 101"));
    }

    [Fact]
    public async Task A_course_code_in_course_id_names_that_courses_id_and_the_suggestion_fixes_the_row()
    {
        var import = await _api.ImportAsync(Header + "\n3,CNA-101,1001,Enrolled,,,,,\n3,XYZ-1,1001,Enrolled,,,,,\n",
            domain: "ClientAssignment", operation: "AddUpdate");

        import.ErrorRows.Should().Be(2);
        var rows = (await _api.RowsAsync(import.Id)).Items;
        rows[0].Messages.Single().Should().Match<RowMessageDto>(m => m.Column == "CourseID" && m.Message.EndsWith("the course with that code is CourseID 101. Did you mean '101'?"));
        rows[1].Messages.Single().Message.Should().StartWith("CourseID 'XYZ-1' looks like a course code, but no course has that code.");

        // Revalidating one row loads only the codes it holds: a row edited to another code names that course's ID.
        var edited = await _api.EditRowAsync(import.Id, 3, new() { ["CourseID"] = "cna-201" });
        edited.Row.Messages.Single().Message.Should().EndWith("the course with that code is CourseID 102. Did you mean '102'?");
    }

    [Fact]
    public async Task The_same_assignment_on_several_rows_marks_each_row_naming_the_others_and_an_edit_clears_them()
    {
        var import = await _api.ImportAsync(Header + "\n3,101,1001,Enrolled,,,,,\n3,101,1002,Enrolled,,,,,\n3,101,1001,Dropped,,,,,\n",
            domain: "ClientAssignment", operation: "Add");
        import.ErrorRows.Should().Be(2);
        (await _api.RowAsync(import.Id, 2)).Messages.Single().Message.Should().StartWith("Client 3, CourseID 101, SectionID 1001 also appears on row 4.");
        (await _api.RowAsync(import.Id, 4)).Messages.Single().Message.Should().StartWith("Client 3, CourseID 101, SectionID 1001 also appears on row 2.");

        var edited = await _api.EditRowAsync(import.Id, 4, new() { ["SectionID"] = "1003" });

        edited.Row.Status.Should().Be(RowStatus.Valid);
        edited.Import.ValidRows.Should().Be(3);
        edited.Import.ErrorRows.Should().Be(0);
        (await _api.RowAsync(import.Id, 2)).Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public async Task Fixing_a_row_in_the_grid_revalidates_it_against_the_database()
    {
        var import = await _api.ImportAsync(Header + "\n6,101,1001,Enrolled,,,,,\n", domain: "ClientAssignment", operation: "Add");
        import.ErrorRows.Should().Be(1);

        var edited = await _api.EditRowAsync(import.Id, 2, new() { ["Client ID"] = "5" });

        edited.Row.Status.Should().Be(RowStatus.Valid);
        edited.Row.Action.Should().Be(RowAction.Insert);
        await using var db = _app.CreateDbContext();
        (await db.ClientAssignments.CountAsync()).Should().Be(DemoAssignments);
    }
}
