using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Security;

/// <summary>
/// THE table of who gets what from every endpoint of the app (issue 6). Columns: anonymous, the importer who created
/// the import acted on, another importer, Supervisor, Support, Admin, and a signed-in user in no permission group
/// (issue 15: they get nothing but sign-in and the page that says to ask an administrator). <see cref="AuthorizationMatrixTests"/> checks
/// every cell against the running app and fails for an endpoint the app maps that has no row here.
/// 404 for another importer is deliberate: someone else's import does not exist for an importer (IDs cannot be probed).
/// </summary>
public static class AuthorizationMatrix
{
    private const int Ok = 200, Created = 201, Accepted = 202, NoContent = 204, Bad = 400, Unauthorized = 401, Forbidden = 403, Hidden = 404, Conflict = 409;

    private static readonly Answer SignIn = Answer.SignIn;
    private static readonly Answer ToImports = new(302, "/imports");

    public static readonly IReadOnlyList<AuthorizationRule> Rules =
    [
        // Open: sign-in, token refresh, health.                     anonymous     importer   other      supervisor  support    admin      no group
        new("GET /health", Get("/health"),                            Ok,           Ok,        Ok,        Ok,         Ok,        Ok,        Ok),
        new("GET /health/live", Get("/health/live"),                  Ok,           Ok,        Ok,        Ok,         Ok,        Ok,        Ok),
        new("GET /health/ready", Get("/health/ready"),                Ok,           Ok,        Ok,        Ok,         Ok,        Ok,        Ok),
        new("POST /api/auth/login", Login,                            Ok,           Ok,        Ok,        Ok,         Ok,        Ok,        Ok),
        new("POST /api/auth/refresh", Refresh,                        Ok,           Ok,        Ok,        Ok,         Ok,        Ok,        Ok),
        // Browser forms: refused without the antiforgery token of the sign-in page, whoever sends them.
        new("POST /account/signin", SignInForm,                       SignIn,       SignIn,    SignIn,    SignIn,     SignIn,    SignIn,    SignIn),
        new("POST /account/signout", Post("/account/signout"),        SignIn,       SignIn,    SignIn,    SignIn,     SignIn,    SignIn,    SignIn),

        // Imports (SPEC 12). Creating: Importer and Admin.
        new("POST /api/imports", Upload,                              Unauthorized, Created,   Created,   Forbidden,  Forbidden, Created,   Forbidden),
        new("GET /api/imports", Get("/api/imports"),                  Unauthorized, Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET /api/imports/{id:int}", OnImport(HttpMethod.Get, ""),                     Unauthorized, Ok, Hidden, Ok, Ok, Ok,        Forbidden),
        new("GET /api/imports/{id:int}/rows", OnImport(HttpMethod.Get, "/rows"),           Unauthorized, Ok, Hidden, Ok, Ok, Ok,        Forbidden),
        new("GET /api/imports/{id:int}/rows/{rowNumber:int}", OnImport(HttpMethod.Get, "/rows/2"), Unauthorized, Ok, Hidden, Ok, Ok, Ok, Forbidden),
        // Fixing rows and confirming: the importer who created it, and Admin.
        new("PUT /api/imports/{id:int}/rows/{rowNumber:int}", OnImport(HttpMethod.Put, "/rows/4", body: new { values = new Dictionary<string, string> { ["SSN"] = "345-67-8901" } }),
                                                                      Unauthorized, Ok,        Hidden,    Forbidden,  Forbidden, Ok, Forbidden),
        new("POST /api/imports/{id:int}/rows/{rowNumber:int}/skip", OnImport(HttpMethod.Post, "/rows/4/skip"), Unauthorized, Ok, Hidden, Forbidden, Forbidden, Ok, Forbidden),
        new("POST /api/imports/{id:int}/commit", OnImport(HttpMethod.Post, "/commit"),     Unauthorized, Accepted, Hidden, Forbidden, Forbidden, Accepted, Forbidden),
        // Possible duplicates (SPEC 14): reading them as the import itself; resolving them as fixing rows. The staged import has
        // no discrepancy, so a caller who passes the checks gets resolve-all's empty 200 and, for one row, SPEC's 400.
        new("GET /api/imports/{id:int}/discrepancies", OnImport(HttpMethod.Get, "/discrepancies"), Unauthorized, Ok, Hidden, Ok, Ok, Ok, Forbidden),
        new("POST /api/imports/{id:int}/discrepancies/resolve-all", OnImport(HttpMethod.Post, "/discrepancies/resolve-all", body: new { resolution = "NewPerson" }),
                                                                      Unauthorized, Ok,        Hidden,    Forbidden,  Forbidden, Ok, Forbidden),
        new("POST /api/imports/{id:int}/discrepancies/{rowNumber:int}", OnImport(HttpMethod.Post, "/discrepancies/2", body: new { resolution = "NewPerson" }),
                                                                      Unauthorized, Bad,       Hidden,    Forbidden,  Forbidden, Bad, Forbidden),
        // Cancelling: its importer, any Supervisor, Admin.
        new("POST /api/imports/{id:int}/cancel", OnImport(HttpMethod.Post, "/cancel"),     Unauthorized, Accepted, Hidden, Accepted, Forbidden, Accepted, Forbidden),
        // Replaying a cancelled or failed import: Support and Admin.
        new("POST /api/imports/{id:int}/replay", OnImport(HttpMethod.Post, "/replay", ImportStatus.Cancelled), Unauthorized, Forbidden, Forbidden, Forbidden, Accepted, Accepted, Forbidden),
        // Results file and View Results (SPEC 18): whoever may see the import, Supervisors included.
        new("GET /api/imports/{id:int}/results.csv", OnImport(HttpMethod.Get, "/results.csv"), Unauthorized, Ok, Hidden, Ok, Ok, Ok, Forbidden),
        new("GET /api/imports/{id:int}/report", OnImport(HttpMethod.Get, "/report"),     Unauthorized, Ok, Hidden, Ok, Ok, Ok, Forbidden),
        // Fixing many rows (SPEC 20): problems and the rows file for whoever may see the import; replace and bulk skip like a row edit.
        new("GET /api/imports/{id:int}/problems", OnImport(HttpMethod.Get, "/problems"), Unauthorized, Ok, Hidden, Ok, Ok, Ok, Forbidden),
        new("GET /api/imports/{id:int}/rows.csv", OnImport(HttpMethod.Get, "/rows.csv?status=Error"), Unauthorized, Ok, Hidden, Ok, Ok, Ok, Forbidden),
        new("POST /api/imports/{id:int}/fixes", OnImport(HttpMethod.Post, "/fixes", body: new { column = "SSN", find = "x", replace = "y", match = "Exact", status = "Error" }),
                                                                      Unauthorized, Ok,        Hidden,    Forbidden,  Forbidden, Ok, Forbidden),
        new("POST /api/imports/{id:int}/rows/skip", OnImport(HttpMethod.Post, "/rows/skip", body: new { rowNumbers = new[] { 4 } }), Unauthorized, Ok, Hidden, Forbidden, Forbidden, Ok, Forbidden),
        // Undo (SPEC 21): Support, Admin, and the importer for their own; its results file for whoever may see the import.
        new("POST /api/imports/{id:int}/undo", OnImport(HttpMethod.Post, "/undo", ImportStatus.Cancelled), Unauthorized, Accepted, Hidden, Forbidden, Accepted, Accepted, Forbidden),
        new("GET /api/imports/{id:int}/undo", OnImport(HttpMethod.Get, "/undo", ImportStatus.Cancelled), Unauthorized, Ok, Hidden, Forbidden, Ok, Ok, Forbidden),
        new("GET /api/imports/{id:int}/undo-results.csv", OnImport(HttpMethod.Get, "/undo-results.csv"), Unauthorized, Ok, Hidden, Ok, Ok, Ok, Forbidden),
        // Column mapping (SPEC 16): seen by whoever may see the import, applied by its importer and Admin (409: a reviewed
        // import's columns are mapped already); Card Templates are every importer's, deleted by their creator or Admin.
        new("GET /api/imports/{id:int}/mapping", OnImport(HttpMethod.Get, "/mapping"),   Unauthorized, Conflict, Hidden, Conflict, Conflict, Conflict, Forbidden),
        new("PUT /api/imports/{id:int}/mapping", OnImport(HttpMethod.Put, "/mapping", body: new { columns = new Dictionary<string, string?> { ["First Name"] = "First Name" } }),
                                                                      Unauthorized, Conflict, Hidden, Forbidden, Forbidden, Conflict, Forbidden),
        new("GET /api/mappings", Get("/api/mappings?domain=Client"),  Unauthorized, Ok,        Ok,        Forbidden,  Forbidden, Ok,        Forbidden),
        new("POST /api/mappings", NewMapping,                         Unauthorized, Created,   Created,   Forbidden,  Forbidden, Created,   Forbidden),
        new("GET /api/mappings/{id:int}", OnMapping(HttpMethod.Get),  Unauthorized, Ok,        Ok,        Forbidden,  Forbidden, Ok,        Forbidden),
        new("DELETE /api/mappings/{id:int}", OnMapping(HttpMethod.Delete), Unauthorized, NoContent, Forbidden, Forbidden,  Forbidden, NoContent, Forbidden),

        // Clients (SSN masked unless revealed), templates, courses, usage: every signed-in user.
        new("GET /api/clients", Get("/api/clients?search=Lee"),       Unauthorized, Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET /api/clients/{id:int}", Get("/api/clients/1"),       Unauthorized, Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET /api/clients/{id:int} reveal", Get("/api/clients/1?reveal=true"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Ok, Forbidden),
        new("GET /api/templates/{domain}.csv", Get("/api/templates/Client.csv"), Unauthorized, Ok, Ok, Ok, Ok, Ok, Forbidden),
        // A pre-filled template holds personal data: only those who import (and Admin) may take one.
        new("GET /api/templates/{domain}.csv pre-filled", Get("/api/templates/Client.csv?courseCode=CNA-101"), Unauthorized, Ok, Ok, Forbidden, Forbidden, Ok, Forbidden),
        new("GET /api/templates/{domain}.xlsx", Get("/api/templates/Client.xlsx"), Unauthorized, Ok, Ok, Ok, Ok, Ok, Forbidden),
        new("GET /api/templates/{domain}.xlsx pre-filled", Get("/api/templates/Client.xlsx?courseCode=CNA-101"), Unauthorized, Ok, Ok, Forbidden, Forbidden, Ok, Forbidden),
        new("GET /api/courses", Get("/api/courses?code=CN"),          Unauthorized, Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET /api/usage", Get("/api/usage"),                      Unauthorized, Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),

        // Administration: Admin only.
        new("GET /api/admin/users", Get("/api/admin/users"),          Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, Ok,        Forbidden),
        new("GET /api/admin/users/{id}", OnUser(HttpMethod.Get, ""),  Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, Ok,        Forbidden),
        new("POST /api/admin/users", NewUser,                         Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, Created,   Forbidden),
        new("PUT /api/admin/users/{id}", OnUser(HttpMethod.Put, "", new { roles = new[] { Roles.Supervisor }, disabled = false }),
                                                                      Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, Ok, Forbidden),
        new("POST /api/admin/users/{id}/password", OnUser(HttpMethod.Post, "/password", new { password = "Changed!2026" }),
                                                                      Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, NoContent, Forbidden),
        new("GET /api/admin/select-lists", Get("/api/admin/select-lists"), Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden),
        new("GET /api/admin/select-lists/{id:int}", OnSelectValue(HttpMethod.Get), Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden),
        new("POST /api/admin/select-lists", NewSelectValue,           Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, Created,   Forbidden),
        new("PUT /api/admin/select-lists/{id:int}", OnSelectValue(HttpMethod.Put, new { retired = true }), Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden),
        new("GET /api/admin/usage-limits", Get("/api/admin/usage-limits"), Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden),
        new("PUT /api/admin/usage-limits", Json(HttpMethod.Put, "/api/admin/usage-limits", new { rowsPerDay = 1_000_000 }),
                                                                      Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, Ok, Forbidden),
        new("DELETE /api/admin/usage-limits", Send(HttpMethod.Delete, "/api/admin/usage-limits"), Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden),
        new("GET /api/admin/features", Get("/api/admin/features"),   Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, Ok,        Forbidden),
        // Integration Alerts (SPEC 18): recipients and the outbox are Admin's.
        new("GET /api/admin/alert-recipients", Get("/api/admin/alert-recipients"), Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden),
        new("PUT /api/admin/alert-recipients", Json(HttpMethod.Put, "/api/admin/alert-recipients", new { recipients = Array.Empty<object>() }),
                                                                      Unauthorized, Forbidden, Forbidden, Forbidden,  Forbidden, Ok, Forbidden),
        new("GET /api/admin/outbox", Get("/api/admin/outbox?status=Pending"), Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden),

        // Live progress for programs (SignalR): every signed-in user; joining an import checks it like GET /api/imports/{id}.
        new("* /hubs/imports/negotiate", Post("/hubs/imports/negotiate?negotiateVersion=1"), Unauthorized, Ok, Ok, Ok, Ok, Ok, Forbidden),
        new("* /hubs/imports", Get("/hubs/imports"),                  Unauthorized, Bad,       Bad,       Bad,        Bad,       Bad,       Forbidden),

        // The screens' own connection (Blazor): signed-in users only; a browser that is not signed in goes to sign-in.
        new("* /_blazor/negotiate", Post("/_blazor/negotiate?negotiateVersion=1"), SignIn, Ok, Ok, Ok, Ok, Ok, Forbidden),
        new("* /_blazor", Get("/_blazor"),                            SignIn,       Bad,       Bad,       Bad,        Bad,       Bad,       Forbidden),
        new("* /_blazor/disconnect", Post("/_blazor/disconnect/"),    SignIn,       Bad,       Bad,       Bad,        Bad,       Bad,       Forbidden),
        new("* /_blazor/initializers", Get("/_blazor/initializers/"), SignIn,       Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET /_framework/opaque-redirect", Get("/_framework/opaque-redirect"), SignIn, Bad, Bad, Bad, Bad, Bad, Forbidden),
        new("GET /openapi/{documentName}.json", Get("/openapi/v1.json"), SignIn,    Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET|HEAD {**path:file}", Get("/no-such-file.txt"),       SignIn,       Hidden,    Hidden,    Hidden,     Hidden,    Hidden,    Forbidden),

        // Pages. A program with a token that may not open a page gets 403; a person in a browser sees the same refusal.
        new("GET|POST /account/login", Get("/account/login"),         Ok,           Ok,        Ok,        Ok,         Ok,        Ok,        Ok),
        new("GET|POST /account/denied", Get("/account/denied"),       Ok,           Ok,        Ok,        Ok,         Ok,        Ok,        Ok),
        new("GET|POST /", Get("/"),                                   SignIn,       ToImports, ToImports, ToImports,  ToImports, ToImports, Forbidden),
        new("GET|POST /imports", Get("/imports"),                     SignIn,       Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET|POST /imports/{Id:int}", OnImport(HttpMethod.Get, "", pagePrefix: "/imports/"), SignIn, Ok, Ok, Ok, Ok, Ok, Forbidden),
        new("GET|POST /imports/{Id:int}/report", OnImport(HttpMethod.Get, "/report", pagePrefix: "/imports/"), SignIn, Ok, Ok, Ok, Ok, Ok, Forbidden),
        new("GET|POST /imports/live", Get("/imports/live"),           SignIn,       Forbidden, Forbidden, Ok,         Ok,        Ok,        Forbidden),
        new("GET|POST /admin", Get("/admin"),                         SignIn,       Forbidden, Forbidden, Forbidden,  Forbidden, Ok,        Forbidden),
        // Clients: every signed-in user, as GET /api/clients (SSNs masked).
        new("GET|POST /clients", Get("/clients"),                     SignIn,       Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET|POST /clients/{Id:int}", Get("/clients/1"),          SignIn,       Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET|POST /Error", Get("/Error"),                         SignIn,       Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
        new("GET|POST /not-found", Get("/not-found"),                 SignIn,       Ok,        Ok,        Ok,         Ok,        Ok,        Forbidden),
    ];

    private static Func<MatrixApp, Task<HttpRequestMessage>> Get(string path) => Send(HttpMethod.Get, path);

    private static Func<MatrixApp, Task<HttpRequestMessage>> Post(string path) => Send(HttpMethod.Post, path);

    private static Func<MatrixApp, Task<HttpRequestMessage>> Send(HttpMethod method, string path) =>
        _ => Task.FromResult(new HttpRequestMessage(method, path));

    private static Func<MatrixApp, Task<HttpRequestMessage>> Json(HttpMethod method, string path, object body) =>
        _ => Task.FromResult(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });

    /// <summary>A request on a fresh import the importer created, in <paramref name="status"/>.</summary>
    private static Func<MatrixApp, Task<HttpRequestMessage>> OnImport(HttpMethod method, string suffix, ImportStatus status = ImportStatus.ReadyForReview, object? body = null, string pagePrefix = "/api/imports/") =>
        async app =>
        {
            var id = await app.ImportAsync(status);
            return new HttpRequestMessage(method, $"{pagePrefix}{id}{suffix}") { Content = body is null ? null : JsonContent.Create(body) };
        };

    private static Func<MatrixApp, Task<HttpRequestMessage>> OnUser(HttpMethod method, string suffix, object? body = null) =>
        async app => new HttpRequestMessage(method, $"/api/admin/users/{await app.UserIdAsync()}{suffix}") { Content = body is null ? null : JsonContent.Create(body) };

    private static Func<MatrixApp, Task<HttpRequestMessage>> OnSelectValue(HttpMethod method, object? body = null) =>
        async app => new HttpRequestMessage(method, $"/api/admin/select-lists/{await app.SelectValueIdAsync()}") { Content = body is null ? null : JsonContent.Create(body) };

    private static Task<HttpRequestMessage> Login(MatrixApp app)
    {
        var (email, password) = TestApp.DemoUser(Roles.Importer);
        return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) });
    }

    private static Task<HttpRequestMessage> Refresh(MatrixApp app) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh") { Content = JsonContent.Create(new { refreshToken = app.RefreshToken }) });

    private static Task<HttpRequestMessage> SignInForm(MatrixApp app)
    {
        var (email, password) = TestApp.DemoUser(Roles.Importer);
        return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["returnUrl"] = "/imports" }),
        });
    }

    private static Task<HttpRequestMessage> Upload(MatrixApp app)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("First Name,Last Name\nAnn,Smith\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "clients.csv");
        content.Add(new StringContent("Client"), "domain");
        content.Add(new StringContent("Add"), "operation");
        return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = content });
    }

    private static Task<HttpRequestMessage> NewMapping(MatrixApp app) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/mappings")
        {
            Content = JsonContent.Create(new { name = $"Partner {Guid.NewGuid():N}", domain = "Client", columns = new Dictionary<string, string?> { ["Given Name"] = "First Name" } }),
        });

    /// <summary>A request on a fresh Card Template the importer saved.</summary>
    private static Func<MatrixApp, Task<HttpRequestMessage>> OnMapping(HttpMethod method) => async app =>
    {
        var mappings = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<BulkImport.Core.Imports.Mapping.SavedMappings>(app.App.Services);
        var mapping = await mappings.CreateAsync($"Partner {Guid.NewGuid():N}", BulkImport.Core.Domains.Clients.ClientDomain.Key,
            new Dictionary<string, string?> { ["Given Name"] = "First Name" }, MatrixApp.ImporterEmail, default);
        return new HttpRequestMessage(method, $"/api/mappings/{mapping.Id}");
    };

    private static Task<HttpRequestMessage> NewUser(MatrixApp app) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/admin/users")
        {
            Content = JsonContent.Create(new { email = $"new-{Guid.NewGuid():N}@example.org", password = "Welcome2026", roles = new[] { Roles.Importer } }),
        });

    private static Task<HttpRequestMessage> NewSelectValue(MatrixApp app) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/admin/select-lists")
        {
            Content = JsonContent.Create(new { field = "Language", value = $"Lang {Guid.NewGuid():N}" }),
        });
}
