using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Imports.Discrepancies;

/// <summary>
/// Batch details through the API (SPEC section 15): history searches the Batch Name and the Batch Date, and the Client
/// Assignment option "Use the batch date as enrollment date" fills a blank Enrollment Date, saying so on the cell.
/// </summary>
public sealed class BatchDetailsApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<ImportSummary> UploadAsync(string csv, string domain, string name, string batchDate, bool useBatchDate = false, string operation = "Add")
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "upload.csv");
        content.Add(new StringContent(domain), "domain");
        content.Add(new StringContent(operation), "operation");
        content.Add(new StringContent(name), "name");
        content.Add(new StringContent(batchDate), "batchDate");
        content.Add(new StringContent("false"), "checkDuplicates");
        if (useBatchDate)
        {
            content.Add(new StringContent("true"), "useBatchDateAsEnrollmentDate");
        }

        var response = await _api.Http.PostAsync("/api/imports", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        return await _api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
    }

    private async Task PostOkAsync(string path, object body)
    {
        var response = await _api.Http.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The batch date's note on a row's Enrollment Date, if it has one.</summary>
    private async Task<string?> BatchDateNoteAsync(int id, int rowNumber) =>
        (await _api.RowAsync(id, rowNumber)).Messages.SingleOrDefault(m => m.Column == "Enrollment Date" && m.Message.Contains("the batch date"))?.Message;

    private async Task<List<int>> SearchAsync(string search) =>
        [.. (await _api.Http.GetFromJsonAsync<PageDto<ImportSummary>>($"/api/imports?search={Uri.EscapeDataString(search)}", ApiClient.Json))!.Items.Select(i => i.Id)];

    [Fact]
    public async Task History_finds_an_import_by_its_batch_name_or_its_batch_date()
    {
        var october = await UploadAsync("First Name,Last Name\nAnn,Smith\n", "Client", "October walk-ins", "2026-10-31");
        var november = await UploadAsync("First Name,Last Name\nBob,Jones\n", "Client", "November referrals", "2026-11-15");

        (await SearchAsync("WALK-IN")).Should().Contain(october.Id).And.NotContain(november.Id, "the Batch Name is searched, ignoring case");
        (await SearchAsync("11/15/2026")).Should().Contain(november.Id).And.NotContain(october.Id, "a date searches the Batch Date");
        (await SearchAsync("2026-10-31")).Should().Contain(october.Id).And.NotContain(november.Id);
        (await SearchAsync("upload.csv")).Should().Contain([october.Id, november.Id], "the file name is searched too");
        (await _api.GetAsync(november.Id)).Name.Should().Be("November referrals");

        // Every letter's case, not ASCII only (SQLite's own lower() left Ü as it was; PostgreSQL's did not).
        var accented = await UploadAsync("First Name,Last Name\nÜrsula,Öz\n", "Client", "Bätch Ünïcode", "2026-10-30");
        (await SearchAsync("ÜNÏCODE")).Should().Equal(accented.Id);
        (await SearchAsync("bätch ünïcode")).Should().Equal(accented.Id);
    }

    [Fact]
    public async Task A_blank_enrollment_date_takes_the_batch_date_when_asked_and_the_cell_says_so()
    {
        var import = await UploadAsync("Client ID,CourseID,SectionID,Enrollment Status,Enrollment Date\n3,101,1001,Enrolled,\n5,601,1020,Enrolled,03/02/2026\n",
            "ClientAssignment", "Spring enrollments", "2026-02-14", useBatchDate: true);

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        var filled = await _api.RowAsync(import.Id, 2);
        filled.Values["Enrollment Date"].Should().Be("02/14/2026");
        filled.Messages.Should().ContainSingle(m => m.Column == "Enrollment Date").Which.Message.Should().Contain("the batch date 02/14/2026 was used");
        (await _api.RowAsync(import.Id, 3)).Values["Enrollment Date"].Should().Be("03/02/2026", "a given date stays");
    }

    /// <summary>A row in error when read is not yet known to add an assignment: it takes the batch date once an edit makes it one.</summary>
    [Fact]
    public async Task A_row_fixed_in_review_takes_the_batch_date_when_it_becomes_an_assignment_to_add()
    {
        var import = await UploadAsync("Client ID,CourseID,SectionID,Enrollment Status,Enrollment Date\n3,999,1001,Enrolled,\n",
            "ClientAssignment", "Spring fixes", "2026-02-14", useBatchDate: true);
        var broken = await _api.RowAsync(import.Id, 2);
        (broken.Status, broken.Values["Enrollment Date"]).Should().Be((RowStatus.Error, ""));

        await _api.EditRowAsync(import.Id, 2, new() { ["CourseID"] = "101" });

        var fixedRow = await _api.RowAsync(import.Id, 2);
        (fixedRow.Status, fixedRow.Action, fixedRow.Values["Enrollment Date"]).Should().Be((RowStatus.Valid, RowAction.Insert, "02/14/2026"));
        fixedRow.Messages.Should().ContainSingle(m => m.Column == "Enrollment Date").Which.Message.Should().Contain("the batch date 02/14/2026 was used");
    }

    /// <summary>On an assignment that exists, a blank cell keeps the stored date (SPEC 7): the batch date is for assignments being added.</summary>
    [Fact]
    public async Task An_existing_assignment_keeps_its_enrollment_date_and_only_new_ones_take_the_batch_date()
    {
        var import = await UploadAsync("Client ID,CourseID,SectionID,Enrollment Status,Enrollment Date\n1,102,1004,Enrolled,\n3,101,1001,Enrolled,\n",
            "ClientAssignment", "Spring updates", "2026-02-14", useBatchDate: true, operation: "AddUpdate");

        import.Status.Should().Be(ImportStatus.ReadyForReview, string.Join(" ", import.FileErrors));
        var existing = await _api.RowAsync(import.Id, 2);
        (existing.Status, existing.Action, existing.Values["Enrollment Date"]).Should().Be((RowStatus.Valid, RowAction.Update, ""));
        existing.Messages.Should().BeEmpty();
        (await _api.RowAsync(import.Id, 3)).Values["Enrollment Date"].Should().Be("02/14/2026");

        await _api.CommitAndWaitAsync(import.Id);
        var client = await _api.Http.GetFromJsonAsync<JsonElement>("/api/clients/1");
        client.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("courseId").GetInt32() == 102)
            .GetProperty("values").GetProperty("Enrollment Date").GetString().Should().Be("03/02/2026", "the stored date stays");
    }

    /// <summary>
    /// The stored row holds the filled date, so every later check of the row (an edit of another cell, a replace, a row
    /// sharing its key changing) saw a date as if the file had given it, and the note went away (outside audit).
    /// </summary>
    [Fact]
    public async Task The_batch_date_note_stays_through_rechecks_of_its_row_and_the_commit_writes_the_batch_date()
    {
        var import = await UploadAsync("Client ID,CourseID,SectionID,Enrollment Status,Enrollment Date,Registered By\n3,101,1001,Enrolled,,\n3,101,1002,Enrolled,,\n",
            "ClientAssignment", "Spring rechecks", "2026-02-14", useBatchDate: true);
        import.Status.Should().Be(ImportStatus.ReadyForReview, string.Join(" ", import.FileErrors));
        const string note = "Enrollment Date was blank: the batch date 02/14/2026 was used (Use the batch date as enrollment date).";

        await _api.EditRowAsync(import.Id, 2, new() { ["Registered By"] = "Phone" });
        (await BatchDateNoteAsync(import.Id, 2)).Should().Be(note, "an edit of another cell checks the row again");

        await PostOkAsync($"/api/imports/{import.Id}/fixes", new { column = "Registered By", find = "Phone", replace = "Online", match = "Exact", status = "All" });
        (await BatchDateNoteAsync(import.Id, 2)).Should().Be(note, "a replace in another column checks the row again");

        // Row 3 takes row 2's key and gives it back: row 2 is checked again with its key's rows each time.
        await _api.EditRowAsync(import.Id, 3, new() { ["SectionID"] = "1001" });
        (await BatchDateNoteAsync(import.Id, 2)).Should().Be(note);
        await _api.EditRowAsync(import.Id, 3, new() { ["SectionID"] = "1002" });
        var row = await _api.RowAsync(import.Id, 2);
        (row.Status, row.Values["Enrollment Date"], row.Values["Registered By"]).Should().Be((RowStatus.Valid, "02/14/2026", "Online"));
        (await BatchDateNoteAsync(import.Id, 2)).Should().Be(note, "a row sharing its key changed");
        (await BatchDateNoteAsync(import.Id, 3)).Should().Be(note, "the edited row's own date was filled in too");

        await _api.CommitAndWaitAsync(import.Id);
        var client = await _api.Http.GetFromJsonAsync<JsonElement>("/api/clients/3");
        client.GetProperty("assignments").EnumerateArray().Single(a => a.GetProperty("sectionId").GetInt32() == 1001)
            .GetProperty("values").GetProperty("Enrollment Date").GetString().Should().Be("02/14/2026");
    }

    [Fact]
    public async Task A_date_typed_over_the_batch_date_loses_the_note()
    {
        var import = await UploadAsync("Client ID,CourseID,SectionID,Enrollment Status,Enrollment Date\n3,101,1001,Enrolled,\n",
            "ClientAssignment", "Spring typed", "2026-02-14", useBatchDate: true);

        await _api.EditRowAsync(import.Id, 2, new() { ["Enrollment Date"] = "03/01/2026" });

        (await _api.RowAsync(import.Id, 2)).Values["Enrollment Date"].Should().Be("03/01/2026");
        (await BatchDateNoteAsync(import.Id, 2)).Should().BeNull("the date is the operator's now");
    }
}
