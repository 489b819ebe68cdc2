using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>
/// The same-file warning is read, not stored: it follows the earlier import's status as it is when the import is read
/// (the single read, the history list, the Confirm panel's source), and it is gone once this import ended.
/// </summary>
public sealed class SameFileWarningApiTests : IAsyncLifetime
{
    private static readonly byte[] File = new UTF8Encoding(false).GetBytes("Client ID,Email\r\n1,marco.new@example.org\r\n");
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_warning_follows_the_earlier_import_committed_after_the_upload()
    {
        var first = await _api.ImportAsync(File, operation: "Update");
        var second = await _api.ImportAsync(File, operation: "Update");
        second.FileWarnings.Should().ContainSingle().Which.Should().EndWith(
            $"as import #{first.Id}, which is Ready for Review. Committing both would apply its rows twice: cancel one of them.");

        var committed = await _api.CommitAndWaitAsync(first.Id);
        committed.Status.Should().Be(ImportStatus.Committed);

        var expected = $"This file was already imported on {committed.CompletedAt!.Value:yyyy-MM-dd HH:mm} UTC as import #{first.Id}. Importing it again applies its rows again.";
        (await _api.GetAsync(second.Id)).FileWarnings.Should().Equal(expected);
        (await ListedAsync(second.Id)).FileWarnings.Should().Equal([expected], "the history list reads it as the single read does");
        (await _api.GetAsync(first.Id)).FileWarnings.Should().BeEmpty("the later upload is not an earlier import of the first");
    }

    [Fact]
    public async Task The_warning_is_gone_once_the_earlier_import_was_cancelled_and_once_this_one_ended()
    {
        var first = await _api.ImportAsync(File, operation: "Update");
        var second = await _api.ImportAsync(File, operation: "Update");
        var third = await _api.ImportAsync(File, operation: "Update");
        third.FileWarnings.Should().ContainSingle().Which.Should().Contain($"as import #{second.Id}, which is Ready for Review.");

        await CancelAsync(first.Id);
        (await _api.GetAsync(second.Id)).FileWarnings.Should().BeEmpty("the first import was cancelled before it wrote anything: nothing would be applied twice");

        await CancelAsync(third.Id);
        (await _api.GetAsync(third.Id)).FileWarnings.Should().BeEmpty("the warning speaks of committing, which a cancelled import will never do");
        (await ListedAsync(third.Id)).FileWarnings.Should().BeEmpty();
    }

    private async Task CancelAsync(int id)
    {
        var response = await _api.Http.PostAsync($"/api/imports/{id}/cancel", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private async Task<ImportSummary> ListedAsync(int id)
    {
        var page = await _api.Http.GetFromJsonAsync<PageDto<ImportSummary>>("/api/imports?pageSize=100", ApiClient.Json);
        return page!.Items.Single(i => i.Id == id);
    }
}
