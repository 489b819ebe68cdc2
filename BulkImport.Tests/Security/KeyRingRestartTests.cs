using System.Net;
using System.Net.Http.Headers;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace BulkImport.Tests.Security;

/// <summary>
/// A restart does not sign everyone out (SPEC 22): the keys that sign cookies and tokens are kept in the database, so
/// an app started again on the same database (or another instance, or a new container without the old one's files)
/// accepts what the first one issued.
/// </summary>
public sealed class KeyRingRestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "test-data", "restart-" + Guid.NewGuid().ToString("N"));

    public KeyRingRestartTests() => Directory.CreateDirectory(_folder);

    private Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:BulkImport"] = $"Data Source={Path.Combine(_folder, "bulkimport.db")}",
        ["Import:DataFolder"] = _folder,
    };

    [Fact]
    public async Task A_cookie_and_a_bearer_token_issued_before_a_restart_are_accepted_after_it()
    {
        var (email, password) = TestApp.DemoUser(Roles.Importer);
        string cookie, token;
        await using (var first = new TestApp(Settings))
        {
            using var browser = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            cookie = await CookieSignIn.SignInAsync(browser, email, password);
            var api = await first.ApiAsync(Roles.Importer);
            token = api.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        }

        KeysStoredInTheDatabase().Should().BeGreaterThan(0, "the keys must outlive the process and its machine's files");

        await using var second = new TestApp(Settings);
        using var again = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = new HttpRequestMessage(HttpMethod.Get, "/imports");
        page.Headers.Add("Cookie", cookie);
        (await again.SendAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK, "the browser session goes on after the restart");
        using var call = new HttpRequestMessage(HttpMethod.Get, "/api/imports");
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await again.SendAsync(call)).StatusCode.Should().Be(HttpStatusCode.OK, "the bearer token goes on after the restart");
    }

    private long KeysStoredInTheDatabase()
    {
        using var connection = new SqliteConnection(Settings["ConnectionStrings:BulkImport"]);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM DataProtectionKeys";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background task; the test output folder is temporary anyway.
        }
    }
}
