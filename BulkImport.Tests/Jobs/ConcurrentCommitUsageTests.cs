using System.Net;
using BulkImport.App.Hosting;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Jobs;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BulkImport.Tests.Jobs;

/// <summary>
/// Usage stays race-safe with commits side by side (SPEC 22): a commit reserves its rows against the limits before its
/// first batch, so a second commit running at the same time sees them as used.
/// </summary>
public class ConcurrentCommitUsageTests
{
    /// <summary>The engine the tests run on (a derived class per engine, <c>PostgreSql/PostgreSqlVariants.cs</c>).</summary>
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    [Fact]
    public async Task Two_commits_side_by_side_never_pass_a_usage_limit_together()
    {
        // 150 rows a day: each 100-row import fits alone, both together do not. The commits are run by hand, side by side.
        using var app = new TestApp(new() { ["Usage:RowsPerDay"] = "150", ["Import:CommitBatchSize"] = "10" },
            services => services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CommitWorker))), Engine);
        var api = await app.ApiAsync(Roles.Importer);
        var first = await api.ImportAsync(CsvFiles.NewClients(100, "First"), operation: "Add");
        var second = await api.ImportAsync(CsvFiles.NewClients(100, "Second"), operation: "Add");
        foreach (var id in new[] { first.Id, second.Id })
        {
            (await api.Http.PostAsync($"/api/imports/{id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        var hold = new BatchHold(app.Services.GetRequiredService<WriteTurns>());
        var runner = app.Services.GetRequiredService<ImportCommitRunner>();
        var commits = new[] { first.Id, second.Id }.Select(id => Task.Run(() => runner.RunAsync(id, CancellationToken.None))).ToList();
        try
        {
            // Both commits have started: each is held before its first batch, or was refused before it.
            await Eventually.TrueAsync(() => new[] { first.Id, second.Id }.All(id => hold.IsHeld(id) || commits[id == first.Id ? 0 : 1].IsCompleted),
                "both commits are past their start");
        }
        finally
        {
            hold.FreeAll();
        }

        await Task.WhenAll(commits);
        var outcomes = new[] { await api.GetAsync(first.Id), await api.GetAsync(second.Id) };
        outcomes.Sum(o => o.Inserted).Should().Be(100);
        outcomes.Should().ContainSingle(o => o.Status == ImportStatus.Committed);
        outcomes.Should().ContainSingle(o => o.Status == ImportStatus.CommitFailed).Which.FailureReason.Should()
            .StartWith("This import would pass the daily limit of 150 rows by 50 rows (100 already used today, 100 to import)");
        await using var db = app.CreateDbContext();
        (await db.UsageEntries.SumAsync(u => u.Rows)).Should().Be(100);
        (await db.UsageReservations.CountAsync()).Should().Be(0, "an ended commit releases its reservation");
    }
}
