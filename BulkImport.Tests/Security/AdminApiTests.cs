using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Security;

/// <summary>User administration over HTTP (SPEC section 12, /api/admin/users) and the other admin endpoints, with problem details a person can act on.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _app.ApiAsync(Roles.Admin);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_administrator_creates_a_user_who_can_then_sign_in_with_the_groups_given()
    {
        var response = await _admin.Http.PostAsJsonAsync("/api/admin/users", new { email = "new.operator@example.org", password = "Operator2026", roles = new[] { "Importer", "Supervisor" } });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var user = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.Headers.Location!.OriginalString.Should().Be($"/api/admin/users/{user.GetProperty("id").GetString()}");
        user.GetProperty("email").GetString().Should().Be("new.operator@example.org");
        user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("Importer", "Supervisor");
        user.GetProperty("disabled").GetBoolean().Should().BeFalse();

        var signedIn = await new ApiClient(_app.CreateClient()).SignInAsync("new.operator@example.org", "Operator2026");
        (await signedIn.Http.GetAsync("/imports/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_user_list_is_a_page_of_every_user_with_groups()
    {
        var page = await _admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/users");

        page.GetProperty("totalCount").GetInt32().Should().Be(4);
        page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString())
            .Should().BeEquivalentTo(UserSeederDemoEmails());
        var supervisor = page.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == TestApp.DemoUser(Roles.Supervisor).Email);
        supervisor.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("Supervisor");
    }

    [Theory]
    [InlineData("weak@example.org", "short", new[] { "Importer" }, 400, "The password is too weak:")]
    [InlineData("role@example.org", "Welcome2026", new[] { "Importer", "Auditor" }, 400, "'Auditor' is not a permission group. Use one or more of: Importer, Supervisor, Support, Admin.")]
    [InlineData("importer@bulkimport.local", "Welcome2026", new[] { "Importer" }, 409, "A user with the email importer@bulkimport.local already exists.")]
    [InlineData("not an email", "Welcome2026", new[] { "Importer" }, 400, "'not an email' is not a valid email address.")]
    public async Task A_refused_user_gets_a_problem_that_says_what_to_change(string email, string password, string[] roles, int status, string detail)
    {
        var response = await _admin.Http.PostAsJsonAsync("/api/admin/users", new { email, password, roles });

        ((int)response.StatusCode).Should().Be(status);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().StartWith(detail);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_token_at_once_and_refuses_their_sign_in()
    {
        var importer = await _app.ApiAsync(Roles.Importer);
        (await importer.Http.GetAsync("/api/imports")).StatusCode.Should().Be(HttpStatusCode.OK);

        var id = await IdOfAsync(TestApp.DemoUser(Roles.Importer).Email);
        var response = await _admin.Http.PutAsJsonAsync($"/api/admin/users/{id}", new { disabled = true });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean().Should().BeTrue();

        (await importer.Http.GetAsync("/api/imports")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var (email, password) = TestApp.DemoUser(Roles.Importer);
        var login = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });
        login.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ApiClient.ProblemAsync(login)).GetProperty("detail").GetString().Should().Contain("disabled");
    }

    [Fact]
    public async Task A_disabled_users_refresh_token_no_longer_gives_a_new_token()
    {
        var (email, password) = TestApp.DemoUser(Roles.Importer);
        var login = await (await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();

        await _admin.Http.PutAsJsonAsync($"/api/admin/users/{await IdOfAsync(email)}", new { disabled = true });

        var refresh = await _app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        refresh.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_groups_ends_the_users_token_so_the_new_groups_apply_at_their_next_sign_in()
    {
        var supervisor = await _app.ApiAsync(Roles.Supervisor);
        (await supervisor.Http.GetAsync("/imports/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var email = TestApp.DemoUser(Roles.Supervisor).Email;

        var response = await _admin.Http.PutAsJsonAsync($"/api/admin/users/{await IdOfAsync(email)}", new { roles = new[] { "Importer" } });
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        (await supervisor.Http.GetAsync("/api/imports")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var again = await _app.ApiAsync(Roles.Supervisor);
        (await again.Http.GetAsync("/imports/live")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await again.PostImportAsync("First Name,Last Name\nA,B\n"u8.ToArray(), "Client", "Add")).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Resetting_a_password_ends_the_old_token_and_the_new_password_works()
    {
        var support = await _app.ApiAsync(Roles.Support);
        var email = TestApp.DemoUser(Roles.Support).Email;

        var response = await _admin.Http.PostAsJsonAsync($"/api/admin/users/{await IdOfAsync(email)}/password", new { password = "Renewed!2026" });

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await support.Http.GetAsync("/api/imports")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var renewed = await new ApiClient(_app.CreateClient()).SignInAsync(email, "Renewed!2026");
        (await renewed.Http.GetAsync("/api/imports")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_disabled_over_the_api_either()
    {
        var second = await _admin.Http.PostAsJsonAsync("/api/admin/users", new { email = "second.admin@example.org", password = "Welcome2026", roles = new[] { "Admin" } });
        var secondAdmin = await new ApiClient(_app.CreateClient()).SignInAsync("second.admin@example.org", "Welcome2026");
        var firstId = await IdOfAsync(TestApp.DemoUser(Roles.Admin).Email);
        (await secondAdmin.Http.PutAsJsonAsync($"/api/admin/users/{(await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}", new { disabled = true }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "nobody disables themselves");

        var disableFirst = await secondAdmin.Http.PutAsJsonAsync($"/api/admin/users/{firstId}", new { disabled = true });
        disableFirst.StatusCode.Should().Be(HttpStatusCode.OK);

        var demoteSelf = await secondAdmin.Http.PutAsJsonAsync($"/api/admin/users/{await IdOfAsync("second.admin@example.org", secondAdmin)}", new { roles = new[] { "Importer" } });
        demoteSelf.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(demoteSelf)).GetProperty("detail").GetString().Should().Be("You cannot remove yourself from the Admin group. Ask another administrator.");
    }

    [Fact]
    public async Task An_unknown_user_is_a_404_problem()
    {
        var response = await _admin.Http.PutAsJsonAsync("/api/admin/users/no-such-user", new { disabled = true });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("no-such-user");
    }

    [Fact]
    public async Task Usage_limits_changed_by_an_administrator_apply_to_the_next_confirm()
    {
        var limits = await _admin.Http.PutAsJsonAsync("/api/admin/usage-limits", new { rowsPerDay = 1 });
        limits.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = await limits.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("effective").GetProperty("rowsPerDay").GetInt32().Should().Be(1);
        view.GetProperty("effective").GetProperty("rowsPerWeek").GetInt32().Should().Be(5_000_000);
        view.GetProperty("overridden").GetBoolean().Should().BeTrue();

        var importer = await _app.ApiAsync(Roles.Importer);
        var id = await StagedImports.AddAsync(_app.Services, TestApp.DemoUser(Roles.Importer).Email);
        var commit = await importer.Http.PostAsync($"/api/imports/{id}/commit", null);
        commit.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(commit)).GetProperty("detail").GetString().Should().Contain("limit of 1");

        (await _admin.Http.DeleteAsync("/api/admin/usage-limits")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await importer.Http.PostAsync($"/api/imports/{id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Limits_that_do_not_fit_together_are_a_400_problem()
    {
        var response = await _admin.Http.PutAsJsonAsync("/api/admin/usage-limits", new { rowsPerDay = 10, rowsPerWeek = 5 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().StartWith("The daily limit (10) cannot be higher than the weekly limit (5).");
    }

    [Fact]
    public async Task A_value_retired_over_the_api_is_shown_retired_and_a_duplicate_value_is_a_conflict()
    {
        var lists = await _admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/select-lists");
        var language = lists.EnumerateArray().Single(f => f.GetProperty("field").GetString() == "Language");
        var french = language.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "French");

        var retired = await _admin.Http.PutAsJsonAsync($"/api/admin/select-lists/{french.GetProperty("id").GetInt32()}", new { retired = true });
        retired.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retired").GetBoolean().Should().BeTrue();

        var duplicate = await _admin.Http.PostAsJsonAsync("/api/admin/select-lists", new { field = "Language", value = "english" });
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(duplicate)).GetProperty("detail").GetString().Should().Be("Language already has the value 'English'.");
    }

    // POST's Location named /api/admin/select-lists/{id}, which answered 404 (outside audit).
    [Fact]
    public async Task The_Location_of_an_added_select_list_value_answers_it_as_its_field_lists_it()
    {
        var added = await _admin.Http.PostAsJsonAsync("/api/admin/select-lists", new { field = "Language", value = "Tagalog" });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var one = await _admin.Http.GetAsync(added.Headers.Location);

        one.StatusCode.Should().Be(HttpStatusCode.OK, await one.Content.ReadAsStringAsync());
        var lists = await _admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/select-lists");
        var listed = lists.EnumerateArray().Single(f => f.GetProperty("field").GetString() == "Language")
            .GetProperty("values").EnumerateArray().Single(v => v.GetProperty("id").GetInt32() == id);
        (await one.Content.ReadAsStringAsync()).Should().Be(listed.GetRawText());

        var gone = await _admin.Http.GetAsync($"/api/admin/select-lists/{id + 1000}");
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ApiClient.ProblemAsync(gone)).GetProperty("detail").GetString().Should().Be($"Select-list value {id + 1000} does not exist. List the values with GET /api/admin/select-lists.");
    }

    [Fact]
    public async Task Feature_switches_are_listed_with_their_setting()
    {
        var features = await _admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/features");

        var payment = features.EnumerateArray().Single();
        payment.GetProperty("setting").GetString().Should().Be("Features:PaymentImport");
        // On by default since SPEC wave 2 (section 2: Features:PaymentImport now defaults to on).
        payment.GetProperty("enabled").GetBoolean().Should().BeTrue();
    }

    private static IEnumerable<string> UserSeederDemoEmails() => BulkImport.App.Security.UserSeeder.DemoUsers.Select(u => u.Email);

    private async Task<string> IdOfAsync(string email, ApiClient? admin = null)
    {
        var page = await (admin ?? _admin).Http.GetFromJsonAsync<JsonElement>("/api/admin/users");
        return page.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;
    }
}
