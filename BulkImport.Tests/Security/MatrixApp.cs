using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Security;

/// <summary>
/// One app for the whole authorization matrix, with a signed-in client per principal (redirects not followed, so a
/// redirect to sign-in is seen as such) and helpers that arrange a fresh subject for each request.
/// </summary>
public sealed class MatrixApp : IAsyncLifetime
{
    public const string OtherImporterEmail = "other.importer@example.org";
    public const string OtherImporterPassword = "Another!2026";
    public const string NoGroupEmail = "no.group@example.org";

    private readonly Dictionary<Principal, HttpClient> _clients = [];

    public TestApp App { get; } = new();

    /// <summary>A refresh token of the importer, for the open refresh endpoint.</summary>
    public string RefreshToken { get; private set; } = "";

    public static string ImporterEmail => TestApp.DemoUser(Roles.Importer).Email;

    public HttpClient For(Principal principal) => _clients[principal];

    public async Task InitializeAsync()
    {
        _clients[Principal.Anonymous] = NewClient();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await admin.CreateAsync(OtherImporterEmail, OtherImporterPassword, [Roles.Importer], "setup", default);
            await admin.CreateAsync(NoGroupEmail, OtherImporterPassword, [], "setup", default);
        }

        foreach (var (principal, role) in new[] { (Principal.Importer, Roles.Importer), (Principal.Supervisor, Roles.Supervisor), (Principal.Support, Roles.Support), (Principal.Admin, Roles.Admin) })
        {
            var (email, password) = TestApp.DemoUser(role);
            _clients[principal] = await SignedInAsync(email, password);
        }

        _clients[Principal.OtherImporter] = await SignedInAsync(OtherImporterEmail, OtherImporterPassword);
        _clients[Principal.NoGroup] = await SignedInAsync(NoGroupEmail, OtherImporterPassword);
        var (importer, importerPassword) = TestApp.DemoUser(Roles.Importer);
        RefreshToken = (await LoginAsync(importer, importerPassword)).GetProperty("refreshToken").GetString()!;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }

    /// <summary>A fresh import of the importer's, in <paramref name="status"/>.</summary>
    public Task<int> ImportAsync(ImportStatus status = ImportStatus.ReadyForReview) => StagedImports.AddAsync(App.Services, ImporterEmail, status);

    /// <summary>A fresh user to administer.</summary>
    public async Task<string> UserIdAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync($"user-{Guid.NewGuid():N}@example.org", "Welcome2026", [Roles.Importer], "setup", default);
        return user.Id;
    }

    /// <summary>A fresh select-list value to administer.</summary>
    public async Task<int> SelectValueIdAsync() =>
        (await App.Services.GetRequiredService<SelectListAdministration>().AddAsync("Language", $"Lang {Guid.NewGuid():N}", "setup", default)).Id;

    private HttpClient NewClient() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = NewClient();
        var token = (await LoginAsync(email, password)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<JsonElement> LoginAsync(string email, string password)
    {
        using var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
