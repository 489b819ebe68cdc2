using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Api;

/// <summary>
/// Every timestamp the API writes is UTC and says so with its <c>Z</c>, on both engines, also once it has been read back
/// from the database (SQLite keeps no zone: before UtcDateTimeConverter applied to it, a re-read import's
/// <c>createdAt</c> came without one, and a client took it for local time). Ordering and filtering by date still hold.
/// </summary>
public class TimestampsApiTests : IAsyncLifetime
{
    private readonly TestApp _app;
    private ApiClient _importer = null!;

    public TimestampsApiTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (<c>PostgreSql/PostgreSqlVariants.cs</c>).</summary>
    protected TimestampsApiTests(TestEngine engine) => _app = new TestApp(new()
    {
        // No SMTP host: the creator's alert is written as a file and marked Sent at once (SPEC 18).
        ["Email:PollInterval"] = "00:00:00.200",
    }, engine: engine);

    public async Task InitializeAsync() => _importer = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_imports_timestamps_read_back_from_the_database_end_in_Z()
    {
        var import = await _importer.ImportAsync(CsvFiles.NewClients(3, "Stamp"), operation: "Add");
        (await _importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _importer.WaitForAsync(import.Id, s => s.Status == ImportStatus.Committed);

        var summary = await _importer.Http.GetFromJsonAsync<JsonElement>($"/api/imports/{import.Id}");

        var stamps = Timestamps(summary);
        stamps.Keys.Should().Contain(["createdAt", "completedAt", "confirmedAt"]);
        stamps.Should().AllSatisfy(s => s.Value.Should().EndWith("Z", $"{s.Key} is UTC"));
        var history = await _importer.Http.GetFromJsonAsync<JsonElement>("/api/imports");
        Timestamps(history.GetProperty("items")[0]).Should().ContainKey("createdAt").And.AllSatisfy(s => s.Value.Should().EndWith("Z", s.Key));
        var created = DateTime.Parse(stamps["createdAt"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        created.Kind.Should().Be(DateTimeKind.Utc);
        created.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(5), "the time written is the UTC time, not a local time marked UTC");
    }

    [Fact]
    public async Task A_saved_mappings_createdAt_read_back_ends_in_Z()
    {
        var response = await _importer.Http.PostAsJsonAsync("/api/mappings", new { name = "Stamped", domain = "Client", columns = new Dictionary<string, string?> { ["Given Name"] = "First Name" } });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var listed = await _importer.Http.GetFromJsonAsync<JsonElement>("/api/mappings");

        listed.GetProperty("items")[0].GetProperty("createdAt").GetString().Should().EndWith("Z");
    }

    [Fact]
    public async Task An_outbox_messages_timestamps_end_in_Z_and_usage_counts_what_was_committed_today()
    {
        var import = await _importer.ImportAsync(CsvFiles.NewClients(2, "Mailed"), operation: "Add");
        (await _importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _importer.WaitForAsync(import.Id, s => s.Status == ImportStatus.Committed);
        var admin = await _app.ApiAsync(Roles.Admin);

        JsonElement sent = default;
        // As long as AlertApp waits and more: on a loaded machine a send that failed once waits out its retry delay.
        await Eventually.TrueAsync(async () =>
        {
            var page = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/admin/outbox?status=Sent&importId={import.Id}");
            sent = page.GetProperty("items").EnumerateArray().FirstOrDefault();
            return sent.ValueKind == JsonValueKind.Object;
        }, "the creator's alert is sent (its send time is due: a filter by date)", timeoutSeconds: 90);

        var stamps = Timestamps(sent);
        stamps.Keys.Should().Contain(["createdAt", "sentAt"]);
        stamps.Should().AllSatisfy(s => s.Value.Should().EndWith("Z", $"{s.Key} is UTC"));
        // Usage sums what was committed since the start of today, another filter by date.
        var usage = await _importer.Http.GetFromJsonAsync<JsonElement>("/api/usage");
        usage.GetProperty("today").GetProperty("used").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Recently_finished_imports_are_filtered_and_ordered_by_their_end_time()
    {
        var now = DateTime.UtcNow;
        var ids = new List<int>();
        foreach (var endedAgo in new[] { TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromHours(2) })
        {
            var import = await _importer.ImportAsync(CsvFiles.NewClients(1, "Ended"), operation: "Add");
            await using var db = _app.CreateDbContext();
            await db.Imports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.CompletedAt, now - endedAgo));
            ids.Add(import.Id);
        }

        var recent = await _app.Services.GetRequiredService<ImportHistory>().RecentlyFinishedAsync(TimeSpan.FromHours(1), 10, now, CancellationToken.None);

        recent.Select(i => i.Id).Should().Equal(ids[1], ids[0]);
        recent.Should().AllSatisfy(i => i.CompletedAt!.Value.Kind.Should().Be(DateTimeKind.Utc));
    }

    /// <summary>The properties named <c>…At</c> that hold a value.</summary>
    private static Dictionary<string, string> Timestamps(JsonElement element) =>
        element.EnumerateObject()
            .Where(p => p.Name.EndsWith("At", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
