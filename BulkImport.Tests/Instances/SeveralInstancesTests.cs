using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Instances;

/// <summary>
/// Issue 24 / SPEC 22: two real app processes on one PostgreSQL database and one Redis, as deploy/compose.yaml runs them.
/// A supervisor on either instance watches a commit live wherever it runs, a sign-in on one works on the other, and Redis
/// may stop and come back without losing the commit or the viewers.
/// </summary>
[Trait(PostgreSqlServer.Trait, "PostgreSql")]
[Trait(RedisServer.Trait, "Redis")]
public sealed class SeveralInstancesTests
{
    private const int Rows = 6_000;

    private static Dictionary<string, string> Settings(string redis) => new()
    {
        ["ConnectionStrings:Redis"] = redis,
        // Many small batches: a commit long enough to watch (and to stop Redis under), with a snapshot after each.
        ["Import:CommitBatchSize"] = "20",
    };

    /// <summary>
    /// The second instance: the first one's PostgreSQL database and data folder (SPEC 22: uploads live in a shared folder).
    /// TestEngine.Sqlite only tells the helper to make and drop no database of its own: the settings name the first's.
    /// </summary>
    private static AppProcess SecondInstance(AppProcess first, Dictionary<string, string> settings) => new(new(settings)
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:BulkImport"] = first.ConnectionString,
        ["Import:DataFolder"] = first.DataFolder,
    }, TestEngine.Sqlite);

    [Fact]
    public async Task A_supervisor_on_either_instance_watches_a_commit_live_wherever_it_runs()
    {
        await using var redis = await RedisServer.SharedOrOwnAsync();
        await using var a = new AppProcess(Settings(redis.ConnectionString), TestEngine.PostgreSql);
        await a.StartAsync();
        await using var b = SecondInstance(a, Settings(redis.ConnectionString));
        await b.StartAsync();
        var importer = await a.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(Rows, "Watched"), operation: "Add");

        // Viewers on both: whichever instance runs the commit, the one on the other instance sees it only through Redis.
        await using var onA = await InstanceViewer.JoinAsync(a, await a.ApiAsync(Roles.Supervisor), import.Id);
        await using var onB = await InstanceViewer.JoinAsync(b, await b.ApiAsync(Roles.Supervisor), import.Id);
        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        foreach (var (viewer, where) in new[] { (onA, "A"), (onB, "B") })
        {
            var final = await viewer.CommittedAsync(where, 180);
            final.ProcessedRows.Should().Be(Rows);
            final.Inserted.Should().Be(Rows);
            viewer.SawCommitting(Rows).Should().BeTrue("the viewer sees the batches as they commit, not only the end");
        }
    }

    [Fact]
    public async Task Live_Imports_on_instance_B_follows_a_commit_running_on_instance_A_batch_by_batch()
    {
        await using var redis = await RedisServer.SharedOrOwnAsync();
        await using var a = new AppProcess(Settings(redis.ConnectionString), TestEngine.PostgreSql);
        await a.StartAsync();
        await using var b = SecondInstance(a, Settings(redis.ConnectionString));
        await b.StartAsync();
        var importer = await a.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(Rows, "Page"), operation: "Add");

        var (playwright, browser) = await Support.Browser.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await Support.Browser.SignInAsync(page, b.BaseUrl, Roles.Supervisor);
            await page.GotoAsync($"{b.BaseUrl}/imports/live");
            await Support.Browser.WaitForInteractiveAsync(page);
            await Microsoft.Playwright.Assertions.Expect(page.Locator($"[data-testid=live-review-{import.Id}]")).ToBeVisibleAsync();

            // The commit runs on A (it was confirmed there; B never claims it): B's page knows of it only through Redis.
            (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            await Microsoft.Playwright.Assertions.Expect(page.Locator($"[data-testid=live-progress-{import.Id}]"))
                .ToContainTextAsync(new System.Text.RegularExpressions.Regex($@"^\s*[1-9][\d,]* of {Rows:N0} rows"), new() { Timeout = 120_000 });
            await Microsoft.Playwright.Assertions.Expect(page.Locator($"[data-testid=finished-{import.Id}]"))
                .ToContainTextAsync($"{Rows:N0} inserted", new() { Timeout = 180_000 });
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_instance_is_accepted_by_the_other()
    {
        await using var redis = await RedisServer.SharedOrOwnAsync();
        await using var a = new AppProcess(Settings(redis.ConnectionString), TestEngine.PostgreSql);
        await a.StartAsync();
        await using var b = SecondInstance(a, Settings(redis.ConnectionString));
        await b.StartAsync();

        using var onA = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(a.BaseUrl) };
        var (email, password) = TestApp.DemoUser(Roles.Supervisor);
        var cookie = await CookieSignIn.SignInAsync(onA, email, password);

        using var onB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(b.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/imports/live");
        request.Headers.Add("Cookie", cookie);
        using var page = await onB.SendAsync(request);
        page.StatusCode.Should().Be(HttpStatusCode.OK, "B reads A's cookie with the key ring both keep in the database");
        (await page.Content.ReadAsStringAsync()).Should().Contain("Live Imports");

        using var anonymous = await onB.GetAsync("/imports/live");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect, "without the cookie B sends the visitor to sign in");
    }

    [Fact]
    public async Task Redis_stopped_mid_commit_the_commit_finishes_ready_says_so_and_viewers_catch_up_when_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = new AppProcess(Settings(redis.ConnectionString), TestEngine.PostgreSql);
        await a.StartAsync();
        await using var b = SecondInstance(a, Settings(redis.ConnectionString));
        await b.StartAsync();
        var importer = await a.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(Rows, "Outage"), operation: "Add");
        await using var onA = await InstanceViewer.JoinAsync(a, await a.ApiAsync(Roles.Supervisor), import.Id);
        await using var onB = await InstanceViewer.JoinAsync(b, await b.ApiAsync(Roles.Supervisor), import.Id);

        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => onA.SawCommitting(Rows) && onB.SawCommitting(Rows), "both viewers see the commit under way", timeoutSeconds: 120);
        await redis.StopAsync();

        var done = await importer.WaitForAsync(import.Id, s => s.Status.IsFinal(), timeoutSeconds: 300);
        done.Status.Should().Be(ImportStatus.Committed, "a commit never waits for its viewers' channel");
        done.Inserted.Should().Be(Rows);
        foreach (var instance in new[] { a, b })
        {
            var ready = await ReadyAsync(instance);
            ready.Status.Should().Be("Degraded");
            ready.Redis.Should().Contain("Unreachable").And.Contain("ConnectionStrings:Redis").And.Contain(redis.ConnectionString);
        }

        await redis.StartAgainAsync();
        foreach (var (viewer, where) in new[] { (onA, "A"), (onB, "B") })
        {
            var final = await viewer.CommittedAsync($"{where} (A logged Redis back: {a.HasLogged("is back")}, B: {b.HasLogged("is back")})", 120);
            final.ProcessedRows.Should().Be(Rows);
        }

        await Eventually.TrueAsync(async () => (await ReadyAsync(b)).Redis == "Connected", "B says Redis is back on /health/ready", 60);
    }

    [Fact]
    public async Task Redis_unreachable_at_start_the_instance_serves_its_own_progress_and_ready_names_the_setting()
    {
        var closedPort = AppProcessPorts.Free();
        await using var app = new AppProcess(Settings($"127.0.0.1:{closedPort}"), TestEngine.PostgreSql);
        await app.StartAsync();

        var ready = await ReadyAsync(app);
        ready.Status.Should().Be("Degraded");
        ready.Redis.Should().Contain($"127.0.0.1:{closedPort}").And.Contain("ConnectionStrings:Redis").And.Contain("only its own imports");

        var importer = await app.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(500, "Alone"), operation: "Add");
        await using var viewer = await InstanceViewer.JoinAsync(app, await app.ApiAsync(Roles.Supervisor), import.Id);
        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await viewer.CommittedAsync("the only instance", 120)).Inserted.Should().Be(500);
    }

    [Fact]
    public async Task An_instance_with_another_data_protection_application_name_refuses_to_start_saying_which_setting_differs()
    {
        await using var a = new AppProcess(engine: TestEngine.PostgreSql);
        await a.StartAsync();
        await using var b = SecondInstance(a, new() { ["DataProtection:ApplicationName"] = "SomethingElse" });

        var start = () => b.StartAsync();
        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("The app exited*");
        b.HasLogged("Sign-ins would not carry over between instances").Should().BeTrue();
        b.HasLogged("'SomethingElse' (DataProtection:ApplicationName)").Should().BeTrue();
        b.HasLogged("use 'BulkImport'").Should().BeTrue();
    }

    private static async Task<HealthEndpoints.ReadyDto> ReadyAsync(AppProcess instance)
    {
        using var http = new HttpClient { BaseAddress = new Uri(instance.BaseUrl) };
        using var response = await http.GetAsync("/health/ready");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<HealthEndpoints.ReadyDto>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }
}
