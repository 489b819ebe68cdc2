using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.PostgreSql;

/// <summary>
/// SPEC 22: <c>/health/ready</c> (and <c>/health</c>) ask the database each time. A server stopped after the app became
/// ready takes it out of rotation (503, naming the setting to fix) and its return brings it back, with no restart.
/// The server here is a cluster of the test's own: the run's shared one is never stopped.
/// </summary>
[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class ReadinessOnPostgreSqlTests
{
    [Fact]
    public async Task Ready_answers_503_naming_the_setting_while_the_server_is_stopped_and_200_once_it_is_back()
    {
        await using var cluster = await PostgreSqlCluster.StartAsync();
        using var app = new TestApp(new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:BulkImport"] = cluster.ConnectionString,
        });
        using var http = app.CreateClient();
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        await cluster.StopAsync();

        foreach (var path in new[] { "/health/ready", "/health" })
        {
            using var down = await http.GetAsync(path);
            down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"{path} asks the database, which is stopped");
            var detail = (await down.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
            detail.Should().Contain($"PostgreSQL at 127.0.0.1:{cluster.Port}").And.Contain("ConnectionStrings:BulkImport");
        }

        await cluster.StartAgainAsync();

        await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "/health/ready answers 200 again");
        (await http.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
