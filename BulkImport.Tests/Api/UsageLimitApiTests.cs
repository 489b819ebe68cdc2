using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.App.Hosting;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Usage;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BulkImport.Tests.Api;

/// <summary>
/// Usage limits through the API (SPEC section 9, Confirm): GET /api/usage, commits at, just under and just over each
/// limit, and two confirmed imports racing for the last rows. The clock is fixed on Wednesday 2026-03-18 (UTC), and
/// the ledger holds 1 row committed today, 3 on Monday of this week, 5 earlier this month and 100 last month:
/// used today 1, this week 4, this month 9.
/// </summary>
public sealed class UsageLimitApiTests : IAsyncLifetime
{
    private const string TwoClients = "First Name,Last Name\nAnn,Smith\nBo,Jones\n";
    private const int Plenty = 1_000_000;
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 15, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, long> UsedBefore = new() { ["today"] = 1, ["thisWeek"] = 4, ["thisMonth"] = 9 };
    private static readonly Dictionary<string, (string Setting, string LimitName)> Periods = new()
    {
        ["today"] = ("Usage:RowsPerDay", "daily"),
        ["thisWeek"] = ("Usage:RowsPerWeek", "weekly"),
        ["thisMonth"] = ("Usage:RowsPerMonth", "monthly"),
    };

    private TestApp? _app;
    private ApiClient _api = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task StartAsync(string period, long limit, bool withCommitWorker = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Usage:RowsPerDay"] = $"{Plenty}",
            ["Usage:RowsPerWeek"] = $"{Plenty}",
            ["Usage:RowsPerMonth"] = $"{Plenty}",
            [Periods[period].Setting] = $"{limit}",
        };
        _app = new TestApp(settings, services =>
        {
            services.AddSingleton<TimeProvider>(new FixedClock(Now));
            if (!withCommitWorker)
            {
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CommitWorker)));
            }
        });
        _api = await _app.ApiAsync();
        await using var db = _app.CreateDbContext();
        db.UsageEntries.AddRange(
            new UsageEntry { ImportId = 0, CommittedAt = new DateTime(2026, 3, 18, 10, 0, 0, DateTimeKind.Utc), Rows = 1 },
            new UsageEntry { ImportId = 0, CommittedAt = new DateTime(2026, 3, 16, 9, 0, 0, DateTimeKind.Utc), Rows = 3 },
            new UsageEntry { ImportId = 0, CommittedAt = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), Rows = 5 },
            new UsageEntry { ImportId = 0, CommittedAt = new DateTime(2026, 2, 27, 9, 0, 0, DateTimeKind.Utc), Rows = 100 });
        await db.SaveChangesAsync();
    }

    private async Task<JsonElement> UsageAsync() => await _api.Http.GetFromJsonAsync<JsonElement>("/api/usage", ApiClient.Json);

    [Fact]
    public async Task Usage_reports_rows_used_and_allowed_today_this_week_and_this_month()
    {
        await StartAsync("today", 50);

        var usage = await UsageAsync();

        usage.GetProperty("today").GetProperty("used").GetInt64().Should().Be(1);
        usage.GetProperty("today").GetProperty("allowed").GetInt64().Should().Be(50);
        usage.GetProperty("today").GetProperty("remaining").GetInt64().Should().Be(49);
        usage.GetProperty("thisWeek").GetProperty("used").GetInt64().Should().Be(4);
        usage.GetProperty("thisWeek").GetProperty("allowed").GetInt64().Should().Be(Plenty);
        usage.GetProperty("thisMonth").GetProperty("used").GetInt64().Should().Be(9);
        usage.GetProperty("thisMonth").GetProperty("allowed").GetInt64().Should().Be(Plenty);
    }

    [Theory]
    [InlineData("today", 1)]
    [InlineData("today", 0)]
    [InlineData("thisWeek", 1)]
    [InlineData("thisWeek", 0)]
    [InlineData("thisMonth", 1)]
    [InlineData("thisMonth", 0)]
    public async Task An_import_that_stays_under_or_exactly_reaches_a_limit_commits_and_counts(string period, int rowsToSpare)
    {
        var limit = UsedBefore[period] + 2 + rowsToSpare;
        await StartAsync(period, limit);
        var import = await _api.ImportAsync(TwoClients, operation: "Add");

        var committed = await _api.CommitAndWaitAsync(import.Id);

        committed.Status.Should().Be(ImportStatus.Committed);
        committed.Inserted.Should().Be(2);
        var usage = (await UsageAsync()).GetProperty(period);
        usage.GetProperty("used").GetInt64().Should().Be(UsedBefore[period] + 2);
        usage.GetProperty("remaining").GetInt64().Should().Be(rowsToSpare);
    }

    [Theory]
    [InlineData("today")]
    [InlineData("thisWeek")]
    [InlineData("thisMonth")]
    public async Task An_import_one_row_over_a_limit_is_refused_with_409_saying_by_how_much(string period)
    {
        var limit = UsedBefore[period] + 1;
        await StartAsync(period, limit);
        var import = await _api.ImportAsync(TwoClients, operation: "Add");

        var response = await _api.Http.PostAsync($"/api/imports/{import.Id}/commit", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should()
            .StartWith($"This import would pass the {Periods[period].LimitName} limit of {limit} rows by 1 row ({UsedBefore[period]} already used");
        (await _api.GetAsync(import.Id)).Status.Should().Be(ImportStatus.ReadyForReview);
        (await UsageAsync()).GetProperty(period).GetProperty("used").GetInt64().Should().Be(UsedBefore[period]);
    }

    [Fact]
    public async Task Two_confirmed_imports_cannot_pass_a_limit_together_the_second_fails_when_its_commit_starts()
    {
        // Three rows left today; both imports fit alone, so both are confirmed before either commits.
        await StartAsync("today", 4, withCommitWorker: false);
        var first = await _api.ImportAsync(TwoClients, operation: "Add");
        var second = await _api.ImportAsync(TwoClients, operation: "Add");
        (await _api.Http.PostAsync($"/api/imports/{first.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _api.Http.PostAsync($"/api/imports/{second.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var queue = _app!.Services.GetRequiredService<ImportWorkQueue>();
        var runner = _app.Services.GetRequiredService<ImportCommitRunner>();
        while (queue.Commit.Reader.TryRead(out var importId))
        {
            await runner.RunAsync(importId, CancellationToken.None);
        }

        var committed = await _api.GetAsync(first.Id);
        committed.Status.Should().Be(ImportStatus.Committed);
        committed.Inserted.Should().Be(2);
        var refused = await _api.GetAsync(second.Id);
        refused.Status.Should().Be(ImportStatus.CommitFailed);
        refused.Inserted.Should().Be(0);
        refused.FailureReason.Should().StartWith("This import would pass the daily limit of 4 rows by 1 row (3 already used today, 2 to import)");
        (await UsageAsync()).GetProperty("today").GetProperty("used").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Two_imports_confirmed_at_once_for_the_last_rows_never_pass_the_limit()
    {
        await StartAsync("today", 4);
        var imports = new[] { await _api.ImportAsync(TwoClients, operation: "Add"), await _api.ImportAsync(TwoClients, operation: "Add") };

        var responses = await Task.WhenAll(imports.Select(i => _api.Http.PostAsync($"/api/imports/{i.Id}/commit", null)));

        var outcomes = new List<ImportSummary>();
        for (var i = 0; i < imports.Length; i++)
        {
            responses[i].StatusCode.Should().BeOneOf(HttpStatusCode.Accepted, HttpStatusCode.Conflict);
            outcomes.Add(responses[i].StatusCode == HttpStatusCode.Accepted
                ? await _api.WaitForAsync(imports[i].Id, s => s.Status.IsFinal())
                : await _api.GetAsync(imports[i].Id));
        }

        outcomes.Should().ContainSingle(s => s.Status == ImportStatus.Committed && s.Inserted == 2);
        var loser = outcomes.Single(s => s.Status != ImportStatus.Committed);
        loser.Inserted.Should().Be(0);
        if (loser.Status == ImportStatus.CommitFailed)
        {
            loser.FailureReason.Should().Contain("daily limit of 4 rows by 1 row");
        }
        else
        {
            loser.Status.Should().Be(ImportStatus.ReadyForReview);
            var refusal = responses[Array.FindIndex(imports, i => i.Id == loser.Id)];
            (await ApiClient.ProblemAsync(refusal)).GetProperty("detail").GetString().Should().Contain("daily limit of 4 rows by 1 row");
        }

        (await UsageAsync()).GetProperty("today").GetProperty("used").GetInt64().Should().Be(3);
    }
}
