using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>A page of rows is capped by bytes (<see cref="RowPageBudget.MaxBytes"/>, 4 MiB) as well as by rows (issue 15).</summary>
public sealed class RowPageBudgetApiTests
{
    [Fact]
    public async Task A_page_of_very_long_rows_over_4_MiB_is_refused_saying_how_many_rows_fit_and_a_smaller_page_is_served()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync(Roles.Importer);
        // 100 rows of 60,000 characters (two 30,000-character names, errors for their length): about 5.7 MiB.
        var longText = new string('x', 30_000);
        var import = await StagedImports.CreateAsync(app.Services, ["First Name", "Last Name"],
            Enumerable.Range(1, 100).Select(i => new string?[] { longText, longText + i }), operation: Operation.Add);

        foreach (var status in new[] { "", "&status=Error" })
        {
            var refused = await api.Http.GetAsync($"/api/imports/{import.Id}/rows?page=1&pageSize=100{status}");

            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await ApiClient.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Be(
                "The rows of page 1 (100 rows per page) hold more than 4 MiB, the most one page may carry. Ask for fewer rows per page: the first 69 of them fit (pageSize=69).");
        }

        var fits = await api.Http.GetAsync($"/api/imports/{import.Id}/rows?page=2&pageSize=69");
        fits.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fits.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength().Should().Be(31);
        (await api.RowAsync(import.Id, 101)).Values["First Name"].Should().Be(longText, "one row always fits");
    }
}
