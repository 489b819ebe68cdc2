using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>
/// What the API answers to requests no endpoint can take as sent (SPEC 12: problem details with a message a person can
/// act on): blank query values, values of the wrong type, addresses that name no endpoint, no sign-in, and a permission
/// group that may not call the endpoint.
/// </summary>
public sealed class ApiRefusalsApiTests(CommittedImportApp app) : IClassFixture<CommittedImportApp>
{
    public static TheoryData<string> Lists => new()
    {
        "/api/imports?status=&domain=&page=&pageSize=",
        "/api/imports/{id}/rows?status=&page=&pageSize=",
        "/api/clients?search=&page=&pageSize=",
        "/api/imports/{id}/report?page=%20&pageSize=",
        "/api/admin/users?page=&pageSize=",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_query_value_left_blank_means_not_given(string list)
    {
        var url = list.Replace("{id}", app.ImportId.ToString());
        var withoutQuery = url[..url.IndexOf('?')];

        var blank = await app.Admin.Http.GetAsync(url);
        var none = await app.Admin.Http.GetAsync(withoutQuery);

        blank.StatusCode.Should().Be(HttpStatusCode.OK, await blank.Content.ReadAsStringAsync());
        (await blank.Content.ReadAsStringAsync()).Should().Be(await none.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/imports?page=abc", "'abc' is not a valid page: give a whole number, such as 1.")]
    [InlineData("/api/imports?pageSize=1.5", "'1.5' is not a valid pageSize: give a whole number, such as 1.")]
    [InlineData("/api/imports/{id}/discrepancies?resolved=maybe", "'maybe' is not a valid resolved: give true or false.")]
    public async Task A_query_value_of_the_wrong_kind_is_named_with_what_to_give(string url, string detail)
    {
        var problem = await ProblemAsync(await app.Admin.Http.GetAsync(url.Replace("{id}", app.ImportId.ToString())), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Be(detail);
    }

    [Fact]
    public async Task An_address_that_names_no_endpoint_says_to_check_it_and_that_ids_are_numbers()
    {
        var problem = await ProblemAsync(await app.Admin.Http.GetAsync("/api/imports/abc"), HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString().Should().StartWith("There is nothing at GET /api/imports/abc.")
            .And.Contain("the IDs in an address are whole numbers");
    }

    [Fact]
    public async Task A_request_without_sign_in_says_how_to_sign_in()
    {
        using var anonymous = app.Host.CreateClient();

        var problem = await ProblemAsync(await anonymous.GetAsync("/api/imports"), HttpStatusCode.Unauthorized);

        problem.GetProperty("detail").GetString().Should().StartWith("Sign in first: POST /api/auth/login");
    }

    [Fact]
    public async Task A_permission_group_that_may_not_call_an_endpoint_is_told_which_groups_may()
    {
        var supervisor = await app.Host.ApiAsync(Roles.Supervisor);
        var importer = await app.Host.ApiAsync(Roles.Importer);

        var upload = await ProblemAsync(await supervisor.Http.PostAsync("/api/imports", new MultipartFormDataContent()), HttpStatusCode.Forbidden);
        var replay = await ProblemAsync(await importer.Http.PostAsync($"/api/imports/{app.ImportId}/replay", null), HttpStatusCode.Forbidden);

        upload.GetProperty("detail").GetString().Should().Be(
            "This is for the permission groups Importer or Admin; you are signed in with the permission group Supervisor. Ask an administrator if you need it.");
        replay.GetProperty("detail").GetString().Should().StartWith("This is for the permission groups Support or Admin; you are signed in with the permission group Importer.");
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(body).RootElement;
    }
}
