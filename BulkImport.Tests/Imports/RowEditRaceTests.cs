using System.Net;
using System.Net.Http.Json;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Imports;

/// <summary>
/// Row edits, skips and Confirm race (issue 15): the counts always equal the rows' real statuses, and no row changes
/// after its commit read it.
/// </summary>
public sealed class RowEditRaceTests
{
    private const string User = "importer@bulkimport.local";

    /// <summary>The import's counters against a count of its rows.</summary>
    private static async Task AssertCountsMatchRowsAsync(TestApp app, int id, string when)
    {
        await using var db = app.CreateDbContext();
        var import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == id);
        var rows = await db.ImportRows.AsNoTracking().Where(r => r.ImportId == id).Select(r => new { r.Status, r.Action }).ToListAsync();
        var valid = rows.Where(r => r.Status == RowStatus.Valid).ToList();
        (import.TotalRows, import.ValidRows, import.ErrorRows, import.SkippedRows, import.InsertRows, import.UpdateRows).Should().Be(
            (rows.Count, valid.Count, rows.Count(r => r.Status == RowStatus.Error), rows.Count(r => r.Status == RowStatus.Skipped),
                valid.Count(r => r.Action == RowAction.Insert), valid.Count(r => r.Action == RowAction.Update)),
            $"the counters are the rows' statuses {when}");
    }

    [Fact]
    public async Task Fifty_parallel_edits_and_skips_of_one_import_lose_no_count()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync(Roles.Importer);
        // 60 rows: 50 lack a Last Name (errors), 10 are valid.
        var import = await StagedImports.CreateAsync(app.Services, ["First Name", "Last Name"],
            Enumerable.Range(1, 60).Select(i => new string?[] { $"P{i}", i <= 50 ? "" : $"L{i}" }), operation: Operation.Add);
        import.ErrorRows.Should().Be(50);

        // Rows 2-51 are the errors: 40 are fixed, 10 skipped, all at once.
        var responses = await Task.WhenAll(Enumerable.Range(2, 50).Select(rowNumber => rowNumber % 5 == 0
            ? api.Http.PostAsync($"/api/imports/{import.Id}/rows/{rowNumber}/skip", null)
            : api.Http.PutAsJsonAsync($"/api/imports/{import.Id}/rows/{rowNumber}", new { values = new Dictionary<string, string> { ["Last Name"] = "Fixed" } })));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        var summary = await api.GetAsync(import.Id);
        (summary.ValidRows, summary.ErrorRows, summary.SkippedRows, summary.InsertRows).Should().Be((50, 0, 10, 50));
        await AssertCountsMatchRowsAsync(app, import.Id, "after 50 parallel changes");
    }

    [Fact]
    public async Task An_edit_racing_confirm_lands_before_it_and_the_commit_reads_the_row_as_edited()
    {
        // The edit is held just before it saves, and the Confirm is made then: it completes, or it waits for the edit.
        var hook = new BeforeSave(db => db.ChangeTracker.Entries<ImportRow>().Any(e => e.State == EntityState.Modified));
        using var app = new TestApp(services: s => s.ConfigureDbContext<BulkImportDbContext>(o => o.AddInterceptors(hook, new TransactionStarts())));
        var import = await StagedImports.CreateAsync(app.Services, ["First Name", "Last Name"], [["Ann", "Lee"], ["Bo", ""]], operation: Operation.Add);
        Task<Import>? confirmed = null;
        hook.Action = async _ =>
        {
            var starting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            confirmed = Task.Run(() =>
            {
                TransactionStarts.Watch(starting);
                return app.Services.GetRequiredService<ImportCommands>().QueueCommitAsync(import.Id, User, CancellationToken.None);
            });
            await Task.WhenAny(confirmed, starting.Task);
        };

        var (row, edited) = await app.Services.GetRequiredService<RowEdits>().EditRowAsync(import.Id, 3, new Dictionary<string, string?> { ["Last Name"] = "Ng" }, CancellationToken.None);

        hook.Fired.Should().BeTrue();
        (row.Status, edited.ValidRows).Should().Be((RowStatus.Valid, 2));
        var queued = await confirmed!;
        queued.Status.Should().Be(ImportStatus.Queued);
        queued.ValidRows.Should().Be(2, "the edit was saved, so it came before the Confirm, which counted it");
        var api = await app.ApiAsync(Roles.Importer);
        var done = await api.WaitForAsync(import.Id, s => s.Status.IsFinal());
        (done.Status, done.Inserted, done.ProcessedRows).Should().Be((ImportStatus.Committed, 2, 2), "the commit read the edited row");
        await AssertCountsMatchRowsAsync(app, import.Id, "after the commit");
    }

    [Fact]
    public async Task An_edit_or_skip_after_confirm_is_refused_with_409_saying_the_import_was_confirmed()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync(Roles.Importer);
        var import = await StagedImports.CreateAsync(app.Services, ["First Name", "Last Name"], [["Ann", "Lee"], ["Bo", ""]], operation: Operation.Add);
        (await api.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var edit = await api.Http.PutAsJsonAsync($"/api/imports/{import.Id}/rows/3", new { values = new Dictionary<string, string> { ["Last Name"] = "Ng" } });
        var skip = await api.Http.PostAsync($"/api/imports/{import.Id}/rows/3/skip", null);

        foreach (var response in new[] { edit, skip })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Be(
                $"Import {import.Id} was confirmed, so its rows can no longer be changed: rows can be fixed or skipped only during review, before Confirm.");
        }

        await api.WaitForAsync(import.Id, s => s.Status.IsFinal());
        await AssertCountsMatchRowsAsync(app, import.Id, "after the commit");
        (await api.RowAsync(import.Id, 3)).Status.Should().Be(RowStatus.Error, "the refused edit changed nothing");
    }
}
