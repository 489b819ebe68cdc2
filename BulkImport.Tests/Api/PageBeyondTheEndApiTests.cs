using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>A page number past the end answers an empty page, on every list of the API (issue 15), never a 500.</summary>
public sealed class PageBeyondTheEndApiTests : IClassFixture<CommittedImportApp>
{
    private readonly CommittedImportApp _app;

    public PageBeyondTheEndApiTests(CommittedImportApp app) => _app = app;

    public static TheoryData<string> Lists => new()
    {
        "/api/imports", "/api/imports?status=Committed", "/api/imports?domain=Client",
        "/api/imports/{id}/rows", "/api/imports/{id}/rows?status=Valid", "/api/imports/{id}/rows?status=Error",
        "/api/imports/{id}/rows?status=Skipped", "/api/imports/{id}/rows?status=Success", "/api/imports/{id}/rows?status=Failed",
        "/api/clients", "/api/clients?search=a",
        "/api/admin/users",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_largest_page_number_answers_an_empty_page_with_the_true_total(string list)
    {
        var url = list.Replace("{id}", _app.ImportId.ToString());
        var separator = url.Contains('?') ? '&' : '?';
        var first = await _app.Admin.Http.GetAsync($"{url}{separator}page=1&pageSize=500");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var total = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totalCount").GetInt32();

        foreach (var pageSize in new[] { 1, 500 })
        {
            var response = await _app.Admin.Http.GetAsync($"{url}{separator}page={int.MaxValue}&pageSize={pageSize}");

            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{url} page {int.MaxValue} of {pageSize}: {await response.Content.ReadAsStringAsync()}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            page.GetProperty("items").GetArrayLength().Should().Be(0);
            page.GetProperty("page").GetInt32().Should().Be(int.MaxValue);
            page.GetProperty("pageSize").GetInt32().Should().Be(pageSize);
            page.GetProperty("totalCount").GetInt32().Should().Be(total);
        }
    }
}
