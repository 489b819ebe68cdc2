using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>Card Templates through <c>/api/mappings</c> (SPEC 16): every importer lists and saves; their creator or an Admin deletes.</summary>
public sealed class SavedMappingsApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _importer = null!;

    public async Task InitializeAsync() => _importer = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Task<HttpResponseMessage> CreateAsync(ApiClient api, string name, string domain = "Client", Dictionary<string, string?>? columns = null) =>
        api.Http.PostAsJsonAsync("/api/mappings", new { name, domain, columns = columns ?? new Dictionary<string, string?> { ["Given Name"] = "first name", ["Surname"] = "Last Name", ["Notes"] = null } }, ApiClient.Json);

    private static async Task<int> IdOf(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task A_Card_Template_is_saved_listed_per_domain_and_a_name_is_used_once_per_domain()
    {
        var created = await CreateAsync(_importer, "Partner A");
        created.Headers.Location!.ToString().Should().StartWith("/api/mappings/");
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("columns").GetProperty("Given Name").GetString().Should().Be("First Name", "stored in the template's spelling");
        body.GetProperty("columns").GetProperty("Notes").ValueKind.Should().Be(JsonValueKind.Null);
        await IdOf(await CreateAsync(_importer, "Partner A", "ClientAssignment", new() { ["Student"] = "Client ID" }));

        var again = await CreateAsync(_importer, " partner a ");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(again)).GetProperty("detail").GetString().Should().Contain("already exists");

        var clientOnes = await _importer.Http.GetFromJsonAsync<JsonElement>("/api/mappings?domain=Client");
        clientOnes.GetProperty("totalCount").GetInt32().Should().Be(1);
        clientOnes.GetProperty("items")[0].GetProperty("domain").GetString().Should().Be("Client");
        (await _importer.Http.GetFromJsonAsync<JsonElement>("/api/mappings")).GetProperty("totalCount").GetInt32().Should().Be(2);
    }

    // POST's Location named /api/mappings/{id}, which answered 404 (outside audit).
    [Fact]
    public async Task The_Location_of_a_saved_Card_Template_answers_it_as_the_list_shows_it()
    {
        var created = await CreateAsync(_importer, "Partner L");
        var id = await IdOf(created);
        var other = await _app.ApiAsync(Roles.Admin);

        var one = await other.Http.GetAsync(created.Headers.Location);

        one.StatusCode.Should().Be(HttpStatusCode.OK, await one.Content.ReadAsStringAsync());
        var item = (await _importer.Http.GetFromJsonAsync<JsonElement>("/api/mappings")).GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == id);
        (await one.Content.ReadAsStringAsync()).Should().Be(item.GetRawText());

        var gone = await _importer.Http.GetAsync($"/api/mappings/{id + 1000}");
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ApiClient.ProblemAsync(gone)).GetProperty("detail").GetString().Should().Be($"There is no Card Template {id + 1000}. See GET /api/mappings for the saved ones.");
    }

    [Fact]
    public async Task A_bad_Card_Template_is_a_400_naming_what_is_wrong()
    {
        var twoOntoOne = await CreateAsync(_importer, "Bad", columns: new() { ["Given Name"] = "First Name", ["Forename"] = "First Name" });
        (await ApiClient.ProblemAsync(twoOntoOne)).GetProperty("detail").GetString().Should().Contain("'Given Name', 'Forename' are all mapped to 'First Name'");
        var unknown = await CreateAsync(_importer, "Bad", columns: new() { ["Given Name"] = "Nickname" });
        (await ApiClient.ProblemAsync(unknown)).GetProperty("detail").GetString().Should().Contain("'Nickname' is not a column of the template");
        (await CreateAsync(_importer, "")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CreateAsync(_importer, "x", domain: "Nope")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_its_creator_or_an_Admin_deletes_a_Card_Template_and_only_importers_use_them()
    {
        var mine = await IdOf(await CreateAsync(_importer, "Mine"));
        var admin = await _app.ApiAsync(Roles.Admin);
        var adminsOwn = await IdOf(await CreateAsync(admin, "Admin's"));

        var forbidden = await _importer.Http.DeleteAsync($"/api/mappings/{adminsOwn}");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ApiClient.ProblemAsync(forbidden)).GetProperty("detail").GetString().Should().Contain("only they or an administrator can delete it");

        (await _importer.Http.DeleteAsync($"/api/mappings/{mine}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.Http.DeleteAsync($"/api/mappings/{adminsOwn}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var another = await IdOf(await CreateAsync(_importer, "Another"));
        (await admin.Http.DeleteAsync($"/api/mappings/{another}")).StatusCode.Should().Be(HttpStatusCode.NoContent, "an Admin deletes anyone's");
        (await admin.Http.DeleteAsync($"/api/mappings/{another}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _importer.Http.GetFromJsonAsync<JsonElement>("/api/mappings")).GetProperty("totalCount").GetInt32().Should().Be(0);

        var supervisor = await _app.ApiAsync(Roles.Supervisor);
        (await supervisor.Http.GetAsync("/api/mappings")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CreateAsync(supervisor, "Watcher's")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
