using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.App.Security;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Security;

/// <summary>
/// Sign-in (SPEC 22): failed sign-ins are limited to 10 per account and 30 per client address in a window (429 with
/// Retry-After); successful sign-ins and token refreshes are not; a wrong password, an unknown, a disabled and a locked
/// account all get the same answer. The window is an hour here, so nothing is replenished while a test runs: the
/// counts, not the clock, decide.
/// </summary>
public sealed class SignInLimitTests : IAsyncLifetime
{
    private const string Disabled = "disabled.user@example.org", Locked = "locked.user@example.org", Password = "Welcome2026";

    private readonly TestApp _app = new(new() { ["Security:SignInLimitWindow"] = "01:00:00" });

    public async Task InitializeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var disabled = await admin.CreateAsync(Disabled, Password, [Roles.Importer], "setup", default);
        await admin.UpdateAsync(disabled.Id, null, true, "admin@bulkimport.local", default);
        await admin.CreateAsync(Locked, Password, [Roles.Importer], "setup", default);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var locked = (await users.FindByEmailAsync(Locked))!;
        await users.SetLockoutEndDateAsync(locked, DateTimeOffset.UtcNow.AddMinutes(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task A_wrong_password_an_unknown_a_disabled_and_a_locked_account_get_one_identical_answer_from_the_API()
    {
        using var client = Client();
        var (importer, _) = TestApp.DemoUser(Roles.Importer);
        var answers = new List<string>();
        foreach (var (email, password) in new[] { (importer, "Wrong!2026"), ("nobody@example.org", Password), (Disabled, Password), (Locked, Password) })
        {
            var response = await LoginAsync(client, email, password);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            answers.Add($"{(int)response.StatusCode} {problem.GetProperty("title").GetString()}: {problem.GetProperty("detail").GetString()}");
        }

        answers.Distinct().Should().ContainSingle().Which.Should().Be($"401 Sign-in failed: {PasswordSignIn.FailedMessage}");
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_a_disabled_and_a_locked_account_get_one_identical_page()
    {
        using var client = Client();
        var (importer, _) = TestApp.DemoUser(Roles.Importer);
        var pages = new List<string>();
        foreach (var (email, password) in new[] { (importer, "Wrong!2026"), ("nobody@example.org", Password), (Disabled, Password), (Locked, Password) })
        {
            var response = await CookieSignIn.PostFormAsync(client, email, password);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var page = await client.GetStringAsync(response.Headers.Location!.OriginalString);
            pages.Add($"{response.Headers.Location} {ShownMessage(page)}");
        }

        pages.Distinct().Should().ContainSingle().Which.Should().Contain(WebUtility.HtmlEncode(PasswordSignIn.FailedMessage));
    }

    [Fact]
    public async Task The_eleventh_failed_sign_in_of_an_account_is_refused_with_429_and_Retry_After_even_with_the_right_password()
    {
        using var client = Client();
        var (importer, password) = TestApp.DemoUser(Roles.Importer);
        for (var i = 1; i <= 10; i++)
        {
            (await LoginAsync(client, importer, $"Wrong{i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"failed attempt {i} is within the limit");
        }

        var refused = await LoginAsync(client, importer, password);

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).Should().Be(3600, "the wait is the whole window, whichever failure came first");
        var problem = await ApiClient.ProblemAsync(refused);
        problem.GetProperty("detail").GetString().Should().Contain("Too many failed sign-ins").And.Contain("Try again in");
        problem.GetProperty("type").GetString().Should().Be("https://tools.ietf.org/html/rfc6585#section-4", "every problem has its type");
        var (supervisor, supervisorPassword) = TestApp.DemoUser(Roles.Supervisor);
        (await LoginAsync(client, supervisor, supervisorPassword)).StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per account: another account from the same address signs in");
    }

    [Fact]
    public async Task The_thirty_first_failed_sign_in_from_one_address_is_refused_whatever_the_account()
    {
        using var client = Client();
        for (var i = 0; i < 30; i++)
        {
            // Six accounts, five failures each: no account reaches its own limit.
            (await LoginAsync(client, $"guess{i % 6}@example.org", $"Wrong{i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"failed attempt {i + 1} is within the limit");
        }

        var (supervisor, password) = TestApp.DemoUser(Roles.Supervisor);
        var refused = await LoginAsync(client, supervisor, password);

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.Contains("Retry-After").Should().BeTrue();
    }

    [Fact]
    public async Task Successful_sign_ins_and_token_refreshes_are_not_limited()
    {
        using var client = Client();
        var (importer, password) = TestApp.DemoUser(Roles.Importer);
        string refreshToken = "";
        for (var i = 1; i <= 35; i++)
        {
            var response = await LoginAsync(client, importer, password);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"successful sign-in {i} counts against no limit");
            refreshToken = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString()!;
        }

        for (var i = 1; i <= 35; i++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"refresh {i} counts against no limit");
            refreshToken = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString()!;
        }
    }

    [Fact]
    public async Task The_sign_in_page_is_limited_too_and_says_how_long_to_wait()
    {
        using var client = Client();
        var (importer, password) = TestApp.DemoUser(Roles.Importer);
        for (var i = 1; i <= 10; i++)
        {
            (await CookieSignIn.PostFormAsync(client, importer, $"Wrong{i}")).Headers.Location!.OriginalString.Should().Contain("failed=1");
        }

        var refused = await CookieSignIn.PostFormAsync(client, importer, password);

        refused.Headers.Location!.OriginalString.Should().Contain("retryAfter=");
        var page = await client.GetStringAsync(refused.Headers.Location.OriginalString);
        ShownMessage(page).Should().Contain("Too many failed sign-ins").And.Contain("Try again in");
        (refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).Should().NotContain(c => c.StartsWith("BulkImport.Auth", StringComparison.Ordinal), "nobody was signed in");
    }

    /// <summary>The text of the page's alert (the sign-in form itself carries a fresh antiforgery token every time).</summary>
    private static string ShownMessage(string page)
    {
        var start = page.IndexOf("data-testid=\"signin-", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the page shows why the sign-in failed");
        return page[start..page.IndexOf("<form", start, StringComparison.Ordinal)];
    }
}
