using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BulkImport.Tests.Hosting;

/// <summary>
/// Bad input of issue 23 about the engine's settings: a PostgreSQL server that cannot be reached at start, and a
/// connection string of one engine's kind given to the other. Neither needs a PostgreSQL server.
/// </summary>
public sealed class DatabaseProviderTests
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_server_at_start_keeps_the_app_up_with_ready_503_naming_the_setting()
    {
        var port = ClosedPort();
        using var app = new TestApp(new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:BulkImport"] = $"Host=127.0.0.1;Port={port};Username=bulkimport;Database=bulkimport;Timeout=5",
        });
        var http = app.CreateClient();

        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process answers");
        var ready = await http.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var detail = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        detail.Should().Contain($"PostgreSQL at 127.0.0.1:{port}").And.Contain("cannot be reached").And.Contain("ConnectionStrings:BulkImport");
        (await http.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "/health answers as /health/ready");

        // A call that needs the database says it does not answer and when to ask again, not a bare 500.
        var signIn = await http.PostAsJsonAsync("/api/auth/login", new { email = "importer@bulkimport.local", password = "Importer!2026" });
        signIn.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await signIn.Content.ReadAsStringAsync());
        signIn.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
        (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should()
            .StartWith("The database does not answer (").And.Contain("/health/ready");
    }

    [Fact]
    public void A_SQLite_connection_string_given_to_PostgreSQL_is_refused_naming_both_settings()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new TestApp(new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:BulkImport"] = "Data Source=data/bulkimport.db",
        }, services => services.AddSingleton<ILoggerProvider>(logs));

        StartFailure.Reasons(() => app.CreateClient(), logs).Should().Contain(reason => reason.Contains("System.InvalidOperationException: ")
            && reason.Contains("Database:Provider is PostgreSql but ConnectionStrings:BulkImport is not a PostgreSQL connection string")
            && reason.Contains("it names a SQLite file") && reason.Contains("Host="));
    }

    [Fact]
    public void A_PostgreSQL_connection_string_given_to_SQLite_is_refused_naming_both_settings()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new TestApp(new()
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:BulkImport"] = "Host=db.example.org;Port=5432;Database=bulkimport;Username=bulkimport",
        }, services => services.AddSingleton<ILoggerProvider>(logs));

        StartFailure.Reasons(() => app.CreateClient(), logs).Should().Contain(reason => reason.Contains("System.InvalidOperationException: ")
            && reason.Contains("Database:Provider is Sqlite (the default) but ConnectionStrings:BulkImport is not a SQLite connection string")
            && reason.Contains("it names a PostgreSQL server") && reason.Contains("Set Database:Provider to PostgreSql"));
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_setting_and_its_values()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new TestApp(new() { ["Database:Provider"] = "Oracle" }, services => services.AddSingleton<ILoggerProvider>(logs));

        StartFailure.Reasons(() => app.CreateClient(), logs).Should().Contain(reason => reason.Contains("System.InvalidOperationException: ")
            && reason.Contains("Database:Provider is 'Oracle'; it must be Sqlite (the default) or PostgreSql."));
    }
}
