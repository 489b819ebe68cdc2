using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using BulkImport.Tests.Workbooks;

namespace BulkImport.Tests.Api;

/// <summary>
/// A partner's .xlsx maps like a partner's CSV (SPEC 16 with 17): the header row of the chosen sheet is what waits at
/// AwaitingMapping, its samples are cells as a person sees them, and the mapped sheet is the one read for review.
/// </summary>
public sealed class WorkbookColumnMappingApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// The first sheet holds our own header (so reading it would go straight to review); the partner's sheet, named at
    /// upload, is the one that must be mapped.
    /// </summary>
    private static byte[] PartnerWorkbook()
    {
        var book = new TestWorkbook();
        book.Sheet("Ours").Row(1, "First Name", "Last Name").Row(2, "Zed", "Ours");
        book.Sheet("Partner").Row(1, "Given Name", "Surname", "DOB")
            .Row(2, "Ann", "Lee", TestCell.Date(new DateOnly(1990, 1, 2)))
            .Row(3, "Bo", "Ng", TestCell.Date(new DateOnly(1985, 7, 4)));
        return book.ToBytes();
    }

    /// <summary>Uploads a workbook as a Client Add import, naming <paramref name="sheet"/> when given; waits until it is read.</summary>
    private async Task<ImportSummary> UploadAsync(byte[] workbook, string? sheet = null)
    {
        using var content = new MultipartFormDataContent();
        var filePart = new ByteArrayContent(workbook);
        filePart.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(filePart, "file", "partner.xlsx");
        content.Add(new StringContent("Client"), "domain");
        content.Add(new StringContent("Add"), "operation");
        if (sheet is not null)
        {
            content.Add(new StringContent(sheet), "sheet");
        }

        var response = await _api.Http.PostAsync("/api/imports", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!;
        return await _api.WaitForAsync(created.Id, s => s.Status != ImportStatus.Validating);
    }

    [Fact]
    public async Task A_partner_header_on_the_chosen_sheet_waits_for_mapping_then_reads_that_sheet()
    {
        var import = await UploadAsync(PartnerWorkbook(), sheet: "partner");

        import.Status.Should().Be(ImportStatus.AwaitingMapping, string.Join(" ", import.FileErrors));
        import.Sheet.Should().Be("Partner", "the sheet read is kept so the mapping step reads it again");
        var mapping = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/imports/{import.Id}/mapping", ApiClient.Json);
        var fileColumns = mapping.GetProperty("fileColumns").EnumerateArray().ToList();
        fileColumns.Select(c => c.GetProperty("name").GetString()).Should().Equal("Given Name", "Surname", "DOB");
        fileColumns.Select(c => c.GetProperty("suggested").GetString()).Should().Equal("First Name", "Last Name", "Date of Birth");
        fileColumns[2].GetProperty("samples").EnumerateArray().Select(s => s.GetString()).Should().Equal(["01/02/1990", "07/04/1985"], "date cells are shown as a person sees them");

        var put = await _api.Http.PutAsJsonAsync($"/api/imports/{import.Id}/mapping",
            new { columns = new Dictionary<string, string?> { ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["DOB"] = "Date of Birth" } }, ApiClient.Json);
        put.StatusCode.Should().Be(HttpStatusCode.Accepted, await put.Content.ReadAsStringAsync());
        var reviewed = await _api.WaitForAsync(import.Id, s => s.Status is not (ImportStatus.Validating or ImportStatus.AwaitingMapping));

        reviewed.Status.Should().Be(ImportStatus.ReadyForReview, string.Join(" ", reviewed.FileErrors));
        reviewed.TotalRows.Should().Be(2);
        var ann = await _api.RowAsync(import.Id, 2);
        ann.Values["First Name"].Should().Be("Ann", "the partner sheet is read, not the first sheet");
        ann.Values["Date of Birth"].Should().Be("01/02/1990");
    }

    [Fact]
    public async Task A_sheet_of_one_column_whose_name_has_spaces_waits_for_mapping_not_for_a_csv_separator()
    {
        // In a CSV file a lone "Full Name" cell may be columns run together by spaces; in a workbook it is one cell.
        var book = new TestWorkbook();
        book.Sheet("Partner").Row(1, "Full Name").Row(2, "Ann Lee");

        var import = await UploadAsync(book.ToBytes());

        import.Status.Should().Be(ImportStatus.AwaitingMapping, string.Join(" ", import.FileErrors));
        string.Join(" ", import.FileErrors).Should().NotContain("separated by");
        var mapping = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/imports/{import.Id}/mapping", ApiClient.Json);
        mapping.GetProperty("fileColumns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("Full Name");
    }
}
