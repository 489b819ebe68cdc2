using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Imports.Discrepancies;

/// <summary>
/// Possible duplicates and the bulk fixes of SPEC 20, through the API: "skipping any row resolves its discrepancy" and
/// "editing a row checks it again" (SPEC 14) hold for a bulk skip and a replace as for one row. Reference client 1 is
/// Marco Lee, SSN 486594045; client 2 is Samuel O'Connor, samuel.oconnor2@example.org.
/// </summary>
public sealed class DiscrepancyBulkFixTests : IAsyncLifetime
{
    private const string Header = "Client ID,First Name,Last Name,Email,Phone Number,SSN,Date of Birth";

    /// <summary>Row 2: client 1's SSN. Row 3: a new person. Row 4: row 3's name and birth date. Row 5: client 2's e-mail.</summary>
    private const string File = Header + "\n"
        + ",Marcus,Leigh,,,486-59-4045,\n"
        + ",Nina,Novak,nina@example.org,,,03/04/1980\n"
        + ",NINA,No-vak,,,,1980-03-04\n"
        + ",Sam,O'Connor,SAMUEL.OCONNOR2@EXAMPLE.ORG,,,\n";

    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<ImportSummary> UploadAsync(string csv)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "batch.csv");
        content.Add(new StringContent("Client"), "domain");
        content.Add(new StringContent("Add"), "operation");
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

    private async Task<List<DiscrepancyDto>> DiscrepanciesAsync(int id) =>
        (await _api.Http.GetFromJsonAsync<PageDto<DiscrepancyDto>>($"/api/imports/{id}/discrepancies", ApiClient.Json))!.Items.ToList();

    [Fact]
    public async Task A_bulk_skip_resolves_the_skipped_rows_discrepancies_and_the_import_becomes_ready_and_commits()
    {
        var import = await UploadAsync(File);
        import.UnresolvedDiscrepancies.Should().Be(3);
        await PostOkAsync($"/api/imports/{import.Id}/discrepancies/2", new { resolution = "Select", clientId = 1 });

        await PostOkAsync($"/api/imports/{import.Id}/rows/skip", new { rowNumbers = new[] { 2, 4 } });

        var summary = await _api.GetAsync(import.Id);
        summary.Discrepancies.Should().Be(1, "skipped rows are no longer possible duplicates");
        summary.UnresolvedDiscrepancies.Should().Be(1);
        summary.Status.Should().Be(ImportStatus.AwaitingVerification);
        summary.UpdateRows.Should().Be(0, "the row that selected client 1 is skipped");
        (await DiscrepanciesAsync(import.Id)).Select(d => d.RowNumber).Should().Equal(5);

        await PostOkAsync($"/api/imports/{import.Id}/rows/skip", new { rowNumbers = new[] { 5 } });
        summary = await _api.GetAsync(import.Id);
        summary.Discrepancies.Should().Be(0);
        summary.UnresolvedDiscrepancies.Should().Be(0);
        summary.Status.Should().Be(ImportStatus.ReadyForReview, "no possible duplicate is left to verify");
        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Status.Should().Be(ImportStatus.Committed);
        committed.Inserted.Should().Be(1);
    }

    [Fact]
    public async Task A_replace_that_keeps_the_basis_keeps_the_select_and_one_that_removes_the_match_removes_the_discrepancy()
    {
        var import = await UploadAsync(File);
        await PostOkAsync($"/api/imports/{import.Id}/discrepancies/2", new { resolution = "Select", clientId = 1 });
        await PostOkAsync($"/api/imports/{import.Id}/discrepancies/resolve-all", new { resolution = "NewPerson" });

        // Every row revalidated (status All); row 2 still matches client 1 by SSN alone, so its Select stands.
        await PostOkAsync($"/api/imports/{import.Id}/fixes", new { column = "First Name", find = "Marcus", replace = "Marco", match = "Exact", status = "All" });
        var summary = await _api.GetAsync(import.Id);
        summary.Status.Should().Be(ImportStatus.ReadyForReview);
        summary.UpdateRows.Should().Be(1, "the row that selected client 1 stays its Update");
        summary.InsertRows.Should().Be(3);
        (await _api.RowAsync(import.Id, 2)).Action.Should().Be(RowAction.Update);
        (await DiscrepanciesAsync(import.Id)).Single(d => d.RowNumber == 2).SelectedClientId.Should().Be(1);

        // Another SSN: row 2 is no longer anyone's possible duplicate; its discrepancy goes and it is a new person.
        await PostOkAsync($"/api/imports/{import.Id}/fixes", new { column = "SSN", find = "4045", replace = "3333", match = "Contains", status = "All" });
        summary = await _api.GetAsync(import.Id);
        summary.Discrepancies.Should().Be(2);
        summary.UnresolvedDiscrepancies.Should().Be(0);
        summary.UpdateRows.Should().Be(0);
        summary.InsertRows.Should().Be(4);
        (await DiscrepanciesAsync(import.Id)).Select(d => d.RowNumber).Should().Equal(4, 5);
        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Inserted.Should().Be(4);
    }

    [Fact]
    public async Task A_replace_that_changes_a_compared_cell_clears_a_resolution_whose_basis_changed()
    {
        var import = await UploadAsync(File);
        await PostOkAsync($"/api/imports/{import.Id}/discrepancies/resolve-all", new { resolution = "NewPerson" });

        // Row 2 now also has client 2's e-mail: a second candidate, so New Person is cleared and verification is back.
        await PostOkAsync($"/api/imports/{import.Id}/fixes", new { column = "Email", find = "", replace = "samuel.oconnor2@example.org", match = "Exact", status = "All" });

        var summary = await _api.GetAsync(import.Id);
        summary.Status.Should().Be(ImportStatus.AwaitingVerification);
        var row2 = (await DiscrepanciesAsync(import.Id)).Single(d => d.RowNumber == 2);
        row2.Resolution.Should().BeNull();
        row2.Candidates.Select(c => c.ClientId).Should().Equal(1, 2);
    }

    [Fact]
    public async Task A_replace_that_makes_an_error_row_a_new_client_checks_it_and_sends_the_import_back_to_verification()
    {
        var import = await UploadAsync(Header + "\n,Nina,Novak,nina@example.org,,,03/04/1980\n,Sam,O'Connor,samuel.oconnor2 example.org,,,\n");
        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.ErrorRows.Should().Be(1);

        await PostOkAsync($"/api/imports/{import.Id}/fixes", new { column = "Email", find = " example", replace = "@example", match = "Contains", status = "Error" });

        var summary = await _api.GetAsync(import.Id);
        summary.ErrorRows.Should().Be(0);
        summary.Discrepancies.Should().Be(1, "the fixed row has client 2's e-mail");
        summary.UnresolvedDiscrepancies.Should().Be(1);
        summary.Status.Should().Be(ImportStatus.AwaitingVerification);
        var row3 = (await DiscrepanciesAsync(import.Id)).Single();
        row3.RowNumber.Should().Be(3);
        row3.Candidates.Should().ContainSingle().Which.ClientId.Should().Be(2);
    }
}
