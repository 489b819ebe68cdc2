using System.Net;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>POST /api/imports/{id}/commit refuses what the confirm panel refuses (issue 15).</summary>
public sealed class ConfirmApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync(Roles.Importer);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("First Name,Last Name\nAnn,\n,Lee\n", "only error rows")]
    [InlineData("First Name,Last Name\nAnn,\n,\n", "an error row and a blank one")]
    public async Task An_import_with_no_valid_rows_is_refused_with_409_and_stays_in_review(string csv, string what)
    {
        var import = await _api.ImportAsync(csv, operation: "Add");
        import.ValidRows.Should().Be(0, what);

        var response = await _api.Http.PostAsync($"/api/imports/{import.Id}/commit", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString()
            .Should().Be($"Import {import.Id} has no valid rows to import. Fix the error rows first.");
        (await _api.GetAsync(import.Id)).Status.Should().Be(ImportStatus.ReadyForReview, "nothing was committed");
    }

    [Fact]
    public async Task An_import_whose_last_valid_row_was_skipped_is_refused()
    {
        var import = await _api.ImportAsync("First Name,Last Name\nAnn,Lee\nBo,\n", operation: "Add");
        (await _api.Http.PostAsync($"/api/imports/{import.Id}/rows/2/skip", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await _api.Http.PostAsync($"/api/imports/{import.Id}/commit", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }
}
