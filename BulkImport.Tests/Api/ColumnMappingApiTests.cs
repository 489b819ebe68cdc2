using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Api;

/// <summary>
/// A partner's file mapped through the API (SPEC 16): AwaitingMapping after its header, the mapping with samples and
/// suggestions, 400s that name the columns, then review, edits, commit and results as for a file with our headers;
/// and Card Templates saved, chosen at upload and deleted.
/// </summary>
public sealed class ColumnMappingApiTests : IAsyncLifetime
{
    private const string PartnerFile =
        "Given Name,Surname,DOB,E-mail Address,Notes\r\n" +
        "Ann,Lee,1/2/1990,ann@example.org,call back\r\n" +
        "Bo,Ng,13/45/1990,bo@example.org,\r\n" +
        ",,,,\r\n" +
        "Cy,Xu,1985-03-04,cy@example.org,vip\r\n" +
        "Di,Ko,,not-an-email,\r\n";

    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<ImportSummary> UploadAsync(ApiClient api, string csv, string operation = "AddUpdate", Dictionary<string, string>? fields = null)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "partner.csv");
        content.Add(new StringContent("Client"), "domain");
        content.Add(new StringContent(operation), "operation");
        foreach (var (name, value) in fields ?? [])
        {
            content.Add(new StringContent(value), name);
        }

        var response = await api.Http.PostAsync("/api/imports", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        return await api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
    }

    private async Task<JsonElement> MappingAsync(int id) => await _api.Http.GetFromJsonAsync<JsonElement>($"/api/imports/{id}/mapping", ApiClient.Json);

    private Task<HttpResponseMessage> PutMappingAsync(ApiClient api, int id, object columns, string? saveAs = null) =>
        api.Http.PutAsJsonAsync($"/api/imports/{id}/mapping", new { columns, saveAs }, ApiClient.Json);

    private static readonly Dictionary<string, string?> PartnerMapping = new()
    {
        ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["DOB"] = "Date of Birth", ["E-mail Address"] = "Email", ["Notes"] = null,
    };

    [Fact]
    public async Task A_partner_file_waits_for_mapping_then_goes_through_review_edit_commit_and_results_like_our_own()
    {
        var import = await UploadAsync(_api, PartnerFile);
        import.Status.Should().Be(ImportStatus.AwaitingMapping);
        import.FileErrors.Should().BeEmpty();
        import.TotalRows.Should().Be(0, "no row is read before the columns are mapped");

        var mapping = await MappingAsync(import.Id);
        var fileColumns = mapping.GetProperty("fileColumns").EnumerateArray().ToList();
        fileColumns.Select(c => c.GetProperty("name").GetString()).Should().Equal("Given Name", "Surname", "DOB", "E-mail Address", "Notes");
        fileColumns.Select(c => c.GetProperty("suggested").GetString()).Should().Equal("First Name", "Last Name", "Date of Birth", "Email", null);
        fileColumns[0].GetProperty("samples").EnumerateArray().Select(s => s.GetString()).Should().Equal("Ann", "Bo", "Cy");
        fileColumns[4].GetProperty("samples").EnumerateArray().Select(s => s.GetString()).Should().Equal("call back", "vip");
        var required = mapping.GetProperty("templateColumns").EnumerateArray().Where(t => t.GetProperty("required").GetBoolean()).Select(t => t.GetProperty("name").GetString());
        required.Should().Equal("First Name", "Last Name");
        mapping.GetProperty("reason").GetString().Should().Be("RowOneTakenAsHeader", "none of the partner's names is a template column's: SPEC 16 takes row 1 as the header");

        var put = await PutMappingAsync(_api, import.Id, PartnerMapping);
        put.StatusCode.Should().Be(HttpStatusCode.Accepted, await put.Content.ReadAsStringAsync());
        var reviewed = await _api.WaitForAsync(import.Id, s => s.Status is not (ImportStatus.Validating or ImportStatus.AwaitingMapping));

        reviewed.Status.Should().Be(ImportStatus.ReadyForReview);
        (reviewed.TotalRows, reviewed.ValidRows, reviewed.ErrorRows, reviewed.SkippedRows).Should().Be((5, 2, 2, 1));
        reviewed.FileWarnings.Should().BeEmpty("the ignored Notes column was the person's choice");
        reviewed.ColumnMapping.Should().Equal(PartnerMapping);
        var bad = await _api.RowAsync(import.Id, 3);
        bad.Messages.Should().ContainSingle().Which.Column.Should().Be("Date of Birth", "errors sit next to the template column the file column was mapped to");
        (await _api.RowAsync(import.Id, 6)).Messages.Single().Column.Should().Be("Email");
        (await _api.RowAsync(import.Id, 5)).Values["Date of Birth"].Should().Be("03/04/1985", "row numbers are the file's, the blank row 4 included");

        var edited = await _api.EditRowAsync(import.Id, 3, new() { ["Date of Birth"] = "02/03/1991" });
        edited.Row.Status.Should().Be(RowStatus.Valid);

        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Status.Should().Be(ImportStatus.Committed);
        committed.Inserted.Should().Be(3);
        var results = (await _api.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        results.Skip(1).Select(l => l.Split(',')[0] + "," + l.Split(',')[1]).Should().Equal("2,Success", "3,Success", "4,Skipped", "5,Success", "6,Failed");
    }

    [Fact]
    public async Task The_samples_of_a_column_that_goes_to_SSN_are_masked()
    {
        var import = await UploadAsync(_api, "Given Name,Surname,Social Security Number\r\nAnn,Lee,123-45-6789\r\nBo,Ng,234567890\r\n");
        import.Status.Should().Be(ImportStatus.AwaitingMapping);

        var mapping = await MappingAsync(import.Id);

        var ssn = mapping.GetProperty("fileColumns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Social Security Number");
        ssn.GetProperty("suggested").GetString().Should().Be("SSN");
        ssn.GetProperty("samples").EnumerateArray().Select(s => s.GetString()).Should().Equal("***-**-6789", "***-**-7890");
        mapping.ToString().Should().NotContain("123-45-6789").And.NotContain("234567890");
        ssn.EnumerateObject().Select(p => p.Name).Should().Equal(["name", "samples", "suggested"], "the screen's masked samples per column are not sent");
    }

    [Fact]
    public async Task A_bad_mapping_is_a_400_naming_the_columns_and_the_import_keeps_waiting()
    {
        var import = await UploadAsync(_api, PartnerFile);

        var twice = await PutMappingAsync(_api, import.Id, new Dictionary<string, string?> { ["Given Name"] = "First Name", ["Surname"] = "First Name" });
        twice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(twice)).GetProperty("detail").GetString().Should()
            .Contain("The file columns 'Given Name', 'Surname' are all mapped to 'First Name'")
            .And.Contain("Required column 'Last Name' is not mapped");

        var unmapped = await PutMappingAsync(_api, import.Id, new Dictionary<string, string?> { ["Given Name"] = "First Name" });
        (await ApiClient.ProblemAsync(unmapped)).GetProperty("detail").GetString().Should().Be("Required column 'Last Name' is not mapped: choose the file column that holds it.");
        (await _api.GetAsync(import.Id)).Status.Should().Be(ImportStatus.AwaitingMapping);

        var supervisor = await _app.ApiAsync(Roles.Supervisor);
        (await supervisor.Http.GetAsync($"/api/imports/{import.Id}/mapping")).StatusCode.Should().Be(HttpStatusCode.OK, "whoever may see the import sees its mapping");
        (await PutMappingAsync(supervisor, import.Id, PartnerMapping)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "mapping is for the import's creator and Admin");

        (await PutMappingAsync(_api, import.Id, PartnerMapping)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _api.WaitForAsync(import.Id, s => s.Status == ImportStatus.ReadyForReview);
        (await PutMappingAsync(_api, import.Id, PartnerMapping)).StatusCode.Should().Be(HttpStatusCode.Conflict, "the columns are mapped once, while the import waits");
        (await _api.Http.GetAsync($"/api/imports/{import.Id}/mapping")).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_file_with_no_template_column_takes_row_1_as_the_header_to_map()
    {
        var import = await UploadAsync(_api, "Ann,Lee,ann@example.org\r\nBo,Ng,bo@example.org\r\n");

        import.Status.Should().Be(ImportStatus.AwaitingMapping);
        var mapping = await MappingAsync(import.Id);
        mapping.GetProperty("reason").GetString().Should().Be("RowOneTakenAsHeader");
        mapping.GetProperty("rowOneTakenAsHeader").GetBoolean().Should().BeTrue();
        mapping.GetProperty("fileColumns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("Ann", "Lee", "ann@example.org");

        (await PutMappingAsync(_api, import.Id, new Dictionary<string, string?> { ["Ann"] = "First Name", ["Lee"] = "Last Name", ["ann@example.org"] = "Email" }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var reviewed = await _api.WaitForAsync(import.Id, s => s.Status == ImportStatus.ReadyForReview);
        reviewed.TotalRows.Should().Be(1, "row 1 is the header, so Bo on row 2 is the only data row");
        (await _api.RowAsync(import.Id, 2)).Values["Email"].Should().Be("bo@example.org");
    }

    [Fact]
    public async Task Map_columns_stops_a_file_with_unknown_columns_and_without_it_they_are_a_warning()
    {
        const string file = "First Name,Last Name,Cell\r\nAnn,Lee,727.123.1234\r\n";
        var asked = await UploadAsync(_api, file, fields: new() { ["mapColumns"] = "true" });
        asked.Status.Should().Be(ImportStatus.AwaitingMapping);
        asked.MapColumns.Should().BeTrue();
        (await MappingAsync(asked.Id)).GetProperty("fileColumns")[2].GetProperty("suggested").GetString().Should().Be("Phone Number");

        var plain = await UploadAsync(_api, file.Replace("Ann", "Bo"));
        plain.Status.Should().Be(ImportStatus.ReadyForReview);
        plain.FileWarnings.Should().ContainSingle().Which.Should().StartWith("Column 'Cell' is not in the template and was ignored.");
    }

    [Fact]
    public async Task A_mapping_saved_as_a_Card_Template_maps_the_next_upload_straight_to_review()
    {
        var first = await UploadAsync(_api, PartnerFile);
        (await PutMappingAsync(_api, first.Id, PartnerMapping, saveAs: "Partner A")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _api.WaitForAsync(first.Id, s => s.Status == ImportStatus.ReadyForReview)).MappingName.Should().Be("Partner A");

        var list = await _api.Http.GetFromJsonAsync<JsonElement>("/api/mappings?domain=Client", ApiClient.Json);
        var saved = list.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        saved.GetProperty("name").GetString().Should().Be("Partner A");
        saved.GetProperty("createdBy").GetString().Should().Be("importer@bulkimport.local");
        var id = saved.GetProperty("id").GetInt32();

        var second = await UploadAsync(_api, "GIVEN NAME,surname,dob,e-mail address,notes\r\nEd,Po,5/6/1970,ed@example.org,x\r\n", fields: new() { ["mappingId"] = id.ToString() });
        second.Status.Should().Be(ImportStatus.ReadyForReview, "a saved mapping that covers the header needs no person");
        (second.ValidRows, second.FileWarnings.Count).Should().Be((1, 0));
        (await _api.RowAsync(second.Id, 2)).Values["Date of Birth"].Should().Be("05/06/1970");

        var sameName = await PutMappingAsync(_api, (await UploadAsync(_api, PartnerFile)).Id, PartnerMapping, saveAs: "partner a");
        sameName.StatusCode.Should().Be(HttpStatusCode.Conflict, "names are unique per domain, ignoring case");

        var wrongDomain = await _api.PostImportAsync(Encoding.UTF8.GetBytes(PartnerFile), "ClientAssignment", "Add");
        wrongDomain.StatusCode.Should().Be(HttpStatusCode.Created, "without mappingId");
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(PartnerFile)), "file", "p.csv" },
            { new StringContent("ClientAssignment"), "domain" }, { new StringContent("Add"), "operation" }, { new StringContent(id.ToString()), "mappingId" },
        };
        var refused = await _api.Http.PostAsync("/api/imports", content);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("maps Client files, not Client Assignment files");
    }

    [Fact]
    public async Task A_mapping_the_Card_Template_leaves_incomplete_still_stops_for_a_person_with_the_template_applied()
    {
        var create = await _api.Http.PostAsJsonAsync("/api/mappings", new { name = "Names only", domain = "Client", columns = new Dictionary<string, string?> { ["Given Name"] = "First Name" } }, ApiClient.Json);
        create.StatusCode.Should().Be(HttpStatusCode.Created, await create.Content.ReadAsStringAsync());
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var import = await UploadAsync(_api, PartnerFile, fields: new() { ["mappingId"] = id.ToString() });

        import.Status.Should().Be(ImportStatus.AwaitingMapping, "Last Name is still missing and Surname matches nothing");
        var columns = (await MappingAsync(import.Id)).GetProperty("fileColumns").EnumerateArray().ToList();
        columns.Select(c => c.GetProperty("suggested").GetString()).Should().Equal("First Name", "Last Name", "Date of Birth", "Email", null);
        (await PutMappingAsync(_api, import.Id, new Dictionary<string, string?> { ["Surname"] = "Last Name" })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var reviewed = await _api.WaitForAsync(import.Id, s => s.Status == ImportStatus.ReadyForReview);
        reviewed.ColumnMapping!["Given Name"].Should().Be("First Name", "what the request leaves out keeps the Card Template's choice");
    }

    [Fact]
    public async Task Cancelling_an_import_that_waits_for_mapping_deletes_its_upload()
    {
        var import = await UploadAsync(_api, PartnerFile);
        var uploads = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportOptions>>().Value.UploadsFolder;
        Directory.GetFiles(uploads).Should().NotBeEmpty("the upload is kept while the columns wait to be mapped");

        (await _api.Http.PostAsync($"/api/imports/{import.Id}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        (await _api.GetAsync(import.Id)).Status.Should().Be(ImportStatus.Cancelled);
        Directory.GetFiles(uploads).Should().BeEmpty();

        // Its rows were never read: a replay has nothing to continue (it used to end Committed with 0 rows).
        var support = await _app.ApiAsync(Roles.Support);
        var replay = await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null);
        replay.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(replay)).GetProperty("detail").GetString().Should().Contain("was cancelled before its file was read to the end");
        (await _api.GetAsync(import.Id)).Status.Should().Be(ImportStatus.Cancelled);
    }
}
