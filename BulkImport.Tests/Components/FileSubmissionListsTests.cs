using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>History under the seed's headings (SPEC 18): Incoming Files, Processed Files and Results, Errors Files and Results.</summary>
public sealed class FileSubmissionListsTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private readonly string _user = $"op-{Guid.NewGuid():N}@bulkimport.local";

    /// <summary>An import of three rows (two valid, one error) in <paramref name="status"/>, with <paramref name="inserted"/> rows inserted.</summary>
    private async Task<Import> StageAsync(string fileName, ImportStatus status, int inserted = 0)
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name", "Email"],
            [["Ann", "Smith", "ann@example.org"], ["Bob", "Jones", "not-an-email"], ["Cid", "Lane", "cid@example.org"]], createdBy: _user, fileName: fileName);
        await using var db = await AppServices.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync();
        await db.Imports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, status).SetProperty(i => i.Inserted, inserted));
        return import;
    }

    [Fact]
    public async Task Imports_appear_under_the_seed_headings_with_their_marker_and_View_Results()
    {
        var incoming = await StageAsync("incoming.csv", ImportStatus.ReadyForReview);
        var full = await StageAsync("full.csv", ImportStatus.Committed, inserted: 3);
        var partial = await StageAsync("partial.csv", ImportStatus.Committed, inserted: 2);
        var failed = await StageAsync("failed.csv", ImportStatus.CommitFailed);
        var cancelled = await StageAsync("cancelled.csv", ImportStatus.Cancelled);
        SignIn(_user, Roles.Importer);

        var cut = Render<FileSubmissionLists>(p => p.Add(x => x.CreatedBy, _user));

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=view-results-]").Should().HaveCount(5));
        cut.FindAll("h6").Select(h => h.TextContent).Should().Equal("Incoming Files", "Processed Files and Results", "Errors Files and Results");
        List<string> Ids(string list) => [.. cut.FindAll($"[data-testid=list-{list}] [data-testid^=view-results-]").Select(a => a.GetAttribute("data-testid")!)];
        Ids("incoming").Should().Equal($"view-results-{incoming.Id}");
        Ids("processed").Should().Equal($"view-results-{partial.Id}", $"view-results-{full.Id}");
        Ids("errors").Should().Equal($"view-results-{cancelled.Id}", $"view-results-{failed.Id}");
        cut.Find($"[data-testid=submission-{full.Id}-marker]").TextContent.Should().StartWith("Fully processed ·");
        cut.Find($"[data-testid=submission-{partial.Id}-marker]").TextContent.Should().StartWith("Partially processed: 1 row skipped ·");
        cut.Find($"[data-testid=submission-{failed.Id}-marker]").TextContent.Should().StartWith("Commit Failed ·");
        cut.Find($"[data-testid=view-results-{partial.Id}]").GetAttribute("href").Should().Be($"/imports/{partial.Id}/report");
        cut.Find("[data-testid=list-errors-count]").TextContent.Should().Be("2");
    }

    /// <summary>
    /// Seed 001: "Click on the status to view the batch information screen. Click 'View Discrepancies' to continue." An
    /// import awaiting verification is carried on from its page, which View Results alone did not reach.
    /// </summary>
    [Fact]
    public async Task The_status_of_each_line_opens_the_import_s_page_where_it_goes_on()
    {
        var waiting = await StageAsync("waiting.csv", ImportStatus.AwaitingVerification);
        var full = await StageAsync("full.csv", ImportStatus.Committed, inserted: 3);
        SignIn(_user, Roles.Importer);

        var cut = Render<FileSubmissionLists>(p => p.Add(x => x.CreatedBy, _user));

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=view-results-]").Should().HaveCount(2));
        var status = cut.Find($"[data-testid=list-incoming] [data-testid=submission-{waiting.Id}-status]");
        status.TextContent.Should().Be("Await Discrepancy Verification");
        status.GetAttribute("href").Should().Be($"/imports/{waiting.Id}");
        var processed = cut.Find($"[data-testid=submission-{full.Id}-status]");
        processed.TextContent.Should().Be("Fully processed");
        processed.GetAttribute("href").Should().Be($"/imports/{full.Id}");
    }

    [Fact]
    public async Task An_undo_at_work_is_incoming_an_undone_import_is_processed_and_marked_so_and_a_failed_undo_is_an_error()
    {
        var undoing = await StageAsync("undoing.csv", ImportStatus.Undoing, inserted: 2);
        var undone = await StageAsync("undone.csv", ImportStatus.Undone, inserted: 2);
        var undoFailed = await StageAsync("undo-failed.csv", ImportStatus.UndoFailed, inserted: 2);
        SignIn(_user, Roles.Importer);

        var cut = Render<FileSubmissionLists>(p => p.Add(x => x.CreatedBy, _user));

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=view-results-]").Should().HaveCount(3));
        cut.FindAll($"[data-testid=list-incoming] [data-testid=view-results-{undoing.Id}]").Should().ContainSingle();
        cut.FindAll($"[data-testid=list-processed] [data-testid=view-results-{undone.Id}]").Should().ContainSingle();
        cut.FindAll($"[data-testid=list-errors] [data-testid=view-results-{undoFailed.Id}]").Should().ContainSingle();
        cut.Find($"[data-testid=submission-{undone.Id}-marker]").TextContent.Should().StartWith("Undone ·");
        cut.Find($"[data-testid=submission-{undoFailed.Id}-marker]").TextContent.Should().StartWith("Undo Failed ·");
    }

    /// <summary>A list's count reads like every other figure of the product ("1,200", never "1200"; issue 21).</summary>
    [Fact]
    public async Task A_list_s_count_is_formatted_like_every_other_figure()
    {
        await using (var db = await AppServices.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            db.Imports.AddRange(Enumerable.Range(1, 1_200).Select(i => new Import
            {
                Domain = BulkImport.Core.Domains.Clients.ClientDomain.Key,
                Operation = Operation.Add,
                Status = ImportStatus.ValidationFailed,
                FileName = $"bad-{i}.csv",
                StoredFileName = Guid.NewGuid().ToString("N") + ".csv",
                CreatedBy = _user,
                CreatedAt = now,
                CompletedAt = now,
            }));
            await db.SaveChangesAsync();
        }

        SignIn(_user, Roles.Importer);
        var cut = Render<FileSubmissionLists>(p => p.Add(x => x.CreatedBy, _user));

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=list-errors-count]").TextContent.Should().Be("1,200"));
    }
}
