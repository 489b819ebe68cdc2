using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Security;

/// <summary>
/// An importer cannot read, change, commit, cancel or download another user's import by its ID: for them it does not
/// exist (404, so IDs cannot be probed), and nothing about the import changes.
/// </summary>
public sealed class ImporterIsolationTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _owner = null!;
    private ApiClient _other = null!;
    private int _id;

    public async Task InitializeAsync()
    {
        _owner = await _app.ApiAsync(Roles.Importer);
        var admin = await _app.ApiAsync(Roles.Admin);
        (await admin.Http.PostAsJsonAsync("/api/admin/users", new { email = "other@example.org", password = "Another2026", roles = new[] { "Importer" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        _other = await new ApiClient(_app.CreateClient()).SignInAsync("other@example.org", "Another2026");
        _id = await StagedImports.AddAsync(_app.Services, TestApp.DemoUser(Roles.Importer).Email);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Another_importer_gets_not_found_for_every_read_and_every_action_and_nothing_changes()
    {
        var before = await _owner.GetAsync(_id);
        var calls = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("read the summary", () => _other.Http.GetAsync($"/api/imports/{_id}")),
            ("read the rows", () => _other.Http.GetAsync($"/api/imports/{_id}/rows")),
            ("read a row", () => _other.Http.GetAsync($"/api/imports/{_id}/rows/2")),
            ("change a row", () => _other.Http.PutAsJsonAsync($"/api/imports/{_id}/rows/4", new { values = new Dictionary<string, string> { ["SSN"] = "345-67-8901" } })),
            ("skip a row", () => _other.Http.PostAsync($"/api/imports/{_id}/rows/4/skip", null)),
            ("commit", () => _other.Http.PostAsync($"/api/imports/{_id}/commit", null)),
            ("cancel", () => _other.Http.PostAsync($"/api/imports/{_id}/cancel", null)),
            ("download the results", () => _other.Http.GetAsync($"/api/imports/{_id}/results.csv")),
        };

        foreach (var (what, call) in calls)
        {
            var response = await call();
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"another importer must not {what}");
            (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Be($"Import {_id} does not exist. Check the Import ID in Import History.");
        }

        var after = await _owner.GetAsync(_id);
        after.Should().BeEquivalentTo(before);
        (await _owner.RowAsync(_id, 4)).Status.Should().Be(RowStatus.Error);
    }

    [Fact]
    public async Task Another_importers_history_does_not_list_the_import()
    {
        var page = await _other.Http.GetFromJsonAsync<JsonElement>("/api/imports");
        page.GetProperty("totalCount").GetInt32().Should().Be(0);

        var own = await _owner.Http.GetFromJsonAsync<JsonElement>("/api/imports");
        own.GetProperty("totalCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_probe_of_an_id_that_exists_looks_the_same_as_one_that_does_not()
    {
        var existing = await _other.Http.GetAsync($"/api/imports/{_id}");
        var missing = await _other.Http.GetAsync($"/api/imports/{_id + 1000}");

        existing.StatusCode.Should().Be(missing.StatusCode);
        (await ApiClient.ProblemAsync(existing)).GetProperty("title").GetString()
            .Should().Be((await ApiClient.ProblemAsync(missing)).GetProperty("title").GetString());
    }
}
