using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Jobs;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Jobs;

/// <summary>
/// Imports run side by side (SPEC 22, issue 23): a small import is not stuck behind a large one, the pool runs no more
/// than Jobs:MaxConcurrent jobs, large jobs leave a worker for small ones, and a job cancelled while it waits never runs.
/// The large import is held between two of its batches (<see cref="BatchHold"/>), so nothing here depends on timing.
/// </summary>
public sealed class SideBySideImportTests
{
    private const string SmallFile = "First Name,Last Name,Email,Phone Number,State,Zip\nAda,Small,ada.small@example.org,(727) 555-0101,FL,33755\n"
        + "Bo,Small,bo.small@example.org,(727) 555-0102,FL,33755\nCy,Small,cy.small@example.org,(727) 555-0103,FL,33755\n";

    /// <summary>Small batches, and "large" low enough that a 1,000-row file (about 60 KB) is a large job.</summary>
    private static TestApp App(int maxConcurrent = 2) => new(new()
    {
        ["Jobs:MaxConcurrent"] = maxConcurrent.ToString(),
        ["Jobs:LargeFileBytes"] = "20000",
        ["Jobs:LargeJobRows"] = "500",
        ["Import:StagingBatchSize"] = "100",
        ["Import:CommitBatchSize"] = "100",
    });

    private static async Task<int> UploadAsync(ApiClient api, string csv)
    {
        var response = await api.PostImportAsync(Encoding.UTF8.GetBytes(csv), "Client", "Add");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!.Id;
    }

    private static async Task ConfirmAsync(ApiClient api, int id) =>
        (await api.Http.PostAsync($"/api/imports/{id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

    [Fact]
    public async Task Work_asked_for_again_while_the_same_work_is_still_ending_here_runs_after_it_instead_of_never()
    {
        // A replay posted the moment a failed commit's status is saved, while that commit's job still holds its lease.
        using var app = App(maxConcurrent: 2);
        await app.ApiAsync(Roles.Importer);
        var pool = app.Services.GetRequiredService<JobPool>();
        var ending = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var ranAgain = false;

        var first = pool.RunAsync(new ImportJob(999, JobKind.Commit, "a", false, async _ =>
        {
            started.SetResult();
            await ending.Task;
        }), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var again = pool.RunAsync(new ImportJob(999, JobKind.Commit, "a", false, _ =>
        {
            ranAgain = true;
            return Task.CompletedTask;
        }), CancellationToken.None);

        pool.Waiting.Should().ContainSingle("the second job waits for the first instead of being dropped beside it").Which.ImportId.Should().Be(999);
        ending.SetResult();
        await Task.WhenAll(first, again).WaitAsync(TimeSpan.FromSeconds(30));
        ranAgain.Should().BeTrue("the work asked for again runs once the job before it has given its lease back");
    }

    [Fact]
    public async Task A_small_import_is_ready_for_review_and_committed_while_a_large_one_is_still_validating_and_committing()
    {
        using var app = App();
        var api = await app.ApiAsync(Roles.Importer);
        var hold = new BatchHold(app.Services.GetRequiredService<WriteTurns>());
        try
        {
            var large = await UploadAsync(api, CsvFiles.NewClients(1000, "Large"));
            await Eventually.TrueAsync(() => hold.IsHeld(large), "the large import waits between two batches of its staging");

            var small = await UploadAsync(api, SmallFile);
            hold.Free(small);
            var ready = await api.WaitForAsync(small, s => s.Status != ImportStatus.Validating);

            ready.Status.Should().Be(ImportStatus.ReadyForReview);
            ready.ValidRows.Should().Be(3);
            (await api.GetAsync(large)).Status.Should().Be(ImportStatus.Validating);

            hold.Free(large);
            (await api.WaitForAsync(large, s => s.Status != ImportStatus.Validating)).ValidRows.Should().Be(1000);
            hold.Hold(large);
            await ConfirmAsync(api, large);
            await Eventually.TrueAsync(() => hold.IsHeld(large), "the large import waits between two batches of its commit");

            var committed = await api.CommitAndWaitAsync(small);

            committed.Status.Should().Be(ImportStatus.Committed);
            committed.Inserted.Should().Be(3);
            (await api.GetAsync(large)).Status.Should().Be(ImportStatus.Committing);
            hold.Free(large);
            var done = await api.WaitForAsync(large, s => s.Status.IsFinal());
            done.Status.Should().Be(ImportStatus.Committed);
            done.Inserted.Should().Be(1000);
        }
        finally
        {
            hold.FreeAll();
        }
    }

    [Fact]
    public async Task With_one_worker_the_next_job_waits_until_the_running_one_ends()
    {
        using var app = App(maxConcurrent: 1);
        var api = await app.ApiAsync(Roles.Importer);
        var pool = app.Services.GetRequiredService<JobPool>();
        var hold = new BatchHold(app.Services.GetRequiredService<WriteTurns>());
        try
        {
            var large = await UploadAsync(api, CsvFiles.NewClients(1000, "Large"));
            await Eventually.TrueAsync(() => hold.IsHeld(large), "the large import waits between two batches");
            var small = await UploadAsync(api, SmallFile);
            hold.Free(small);
            await Eventually.TrueAsync(() => pool.Waiting.Any(j => j.ImportId == small), "the small import's job waits for the worker");

            pool.Running.Should().ContainSingle().Which.ImportId.Should().Be(large);
            (await api.GetAsync(small)).Status.Should().Be(ImportStatus.Validating);

            hold.Free(large);
            (await api.WaitForAsync(small, s => s.Status != ImportStatus.Validating)).Status.Should().Be(ImportStatus.ReadyForReview);
            (await api.GetAsync(large)).Status.Should().Be(ImportStatus.ReadyForReview);
        }
        finally
        {
            hold.FreeAll();
        }
    }

    [Fact]
    public async Task A_second_large_import_waits_and_leaves_the_other_worker_to_a_small_one()
    {
        using var app = App(maxConcurrent: 2);
        var api = await app.ApiAsync(Roles.Importer);
        var pool = app.Services.GetRequiredService<JobPool>();
        var hold = new BatchHold(app.Services.GetRequiredService<WriteTurns>());
        try
        {
            var first = await UploadAsync(api, CsvFiles.NewClients(1000, "First"));
            await Eventually.TrueAsync(() => hold.IsHeld(first), "the first large import waits between two batches");
            var second = await UploadAsync(api, CsvFiles.NewClients(1000, "Second"));
            await Eventually.TrueAsync(() => pool.Waiting.Any(j => j.ImportId == second), "the second large import's job waits");

            var small = await UploadAsync(api, SmallFile);
            hold.Free(small);
            (await api.WaitForAsync(small, s => s.Status != ImportStatus.Validating)).Status.Should().Be(ImportStatus.ReadyForReview);
            // The import is ReadyForReview as soon as the reading's last save commits; its job leaves the pool a moment
            // later, once the staging has published the summary and deleted the upload.
            await Eventually.TrueAsync(() => pool.Running.All(j => j.ImportId != small), "the small import's job has ended");

            pool.Waiting.Should().ContainSingle().Which.ImportId.Should().Be(second);
            pool.Running.Should().ContainSingle().Which.ImportId.Should().Be(first);
            hold.FreeAll();
            (await api.WaitForAsync(first, s => s.Status != ImportStatus.Validating)).ValidRows.Should().Be(1000);
            (await api.WaitForAsync(second, s => s.Status != ImportStatus.Validating)).ValidRows.Should().Be(1000);
        }
        finally
        {
            hold.FreeAll();
        }
    }

    [Fact]
    public async Task A_job_cancelled_while_it_waits_for_a_worker_never_runs()
    {
        using var app = App(maxConcurrent: 1);
        var api = await app.ApiAsync(Roles.Importer);
        var pool = app.Services.GetRequiredService<JobPool>();
        var hold = new BatchHold(app.Services.GetRequiredService<WriteTurns>());
        try
        {
            var large = await UploadAsync(api, CsvFiles.NewClients(1000, "Large"));
            await Eventually.TrueAsync(() => hold.IsHeld(large), "the large import waits between two batches");
            var small = await UploadAsync(api, SmallFile);
            hold.Free(small);
            await Eventually.TrueAsync(() => pool.Waiting.Any(j => j.ImportId == small), "the small import's job waits for the worker");

            var cancel = await api.Http.PostAsync($"/api/imports/{small}/cancel", null);
            cancel.IsSuccessStatusCode.Should().BeTrue(await cancel.Content.ReadAsStringAsync());
            hold.Free(large);
            await api.WaitForAsync(large, s => s.Status != ImportStatus.Validating);
            await Eventually.TrueAsync(() => pool.Running.Count == 0 && pool.Waiting.Count == 0, "the pool has run every job");

            var cancelled = await api.GetAsync(small);
            cancelled.Status.Should().Be(ImportStatus.Cancelled);
            cancelled.TotalRows.Should().Be(0);
            await using var db = app.CreateDbContext();
            (await db.ImportRows.CountAsync(r => r.ImportId == small)).Should().Be(0);
        }
        finally
        {
            hold.FreeAll();
        }
    }
}
