using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Fixes;

/// <summary>
/// "Skip all error rows" (SPEC 20) skips every row that is an Error row when asked, also when the rows of one key lie in
/// different batches of <see cref="BulkFixes.RowsPerBatch"/>: skipping the first batch revalidates the rows sharing its
/// keys, and the key's last row, no longer sharing it with anyone, turned Valid before its batch came and stayed to be
/// committed as an Update (an outside audit's million-row file left 21 such rows).
/// </summary>
public sealed class SkipErrorRowsAcrossBatchesTests
{
    [Fact]
    public async Task A_row_whose_key_mates_an_earlier_batch_skipped_is_skipped_too()
    {
        // Row 2 and the last row both name client 1 (each an error naming the other); the rows between name clients that do
        // not exist, so the first batch ends before the last row.
        var csv = new StringBuilder("Client ID,First Name,Last Name\r\n1,Ann,Lee\r\n");
        for (var i = 0; i < BulkFixes.RowsPerBatch; i++)
        {
            csv.Append($"{900_000 + i},Bo,Ng\r\n");
        }

        csv.Append("1,Cy,Ho\r\n");
        var lastRow = BulkFixes.RowsPerBatch + 3;
        using var app = new TestApp();
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(csv.ToString(), operation: "Update");
        (import.ErrorRows, import.ValidRows).Should().Be((BulkFixes.RowsPerBatch + 2, 0));

        var response = await api.Http.PostAsJsonAsync($"/api/imports/{import.Id}/rows/skip", new { status = "Error" }, ApiClient.Json);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<FixResult>(ApiClient.Json))!;
        result.ChangedRows.Should().Be(BulkFixes.RowsPerBatch + 2);
        (result.Counts.ErrorRows, result.Counts.ValidRows, result.Counts.UpdateRows, result.Counts.SkippedRows).Should().Be((0, 0, 0, BulkFixes.RowsPerBatch + 2));
        await using var db = app.CreateDbContext();
        var last = await db.ImportRows.AsNoTracking().SingleAsync(r => r.ImportId == import.Id && r.RowNumber == lastRow);
        last.Status.Should().Be(RowStatus.Skipped, "it was an error row when every error row was skipped");
    }

    /// <summary>
    /// Each batch deletes the groups it emptied, sought by their keys (ProblemGroupCounts), not every empty group of the
    /// import: a group that loses its rows in two batches goes with the second, and the others keep their counts.
    /// </summary>
    [Fact]
    public async Task Skipping_rows_across_batches_empties_and_deletes_their_problem_groups_and_leaves_the_others_counted()
    {
        // One e-mail error per row: "bad" on every row of the first batch and the first of the second (one group of
        // RowsPerBatch + 1 rows, split between batches), then 3 rows of "worse" and 2 of "worst".
        var csv = new StringBuilder("First Name,Last Name,Email\r\n");
        for (var i = 0; i <= BulkFixes.RowsPerBatch; i++)
        {
            csv.Append("Ann,Lee,bad\r\n");
        }

        csv.Append("Bo,Ng,worse\r\nBo,Ng,worse\r\nBo,Ng,worse\r\nCy,Ho,worst\r\nCy,Ho,worst\r\n");
        using var app = new TestApp();
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(csv.ToString(), operation: "Add");
        var worse = BulkFixes.RowsPerBatch + 3;
        var skip = Enumerable.Range(2, BulkFixes.RowsPerBatch + 1).Append(worse).Append(worse + 3).Append(worse + 4).ToArray();

        var response = await api.Http.PostAsJsonAsync($"/api/imports/{import.Id}/rows/skip", new { rowNumbers = skip }, ApiClient.Json);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var problems = (await api.Http.GetFromJsonAsync<PageDto<ProblemGroup>>($"/api/imports/{import.Id}/problems", ApiClient.Json))!;
        problems.Items.Select(g => (g.Value, g.Count)).Should().Equal(("worse", 2));
        await using var db = app.CreateDbContext();
        (await db.ProblemGroupCounts.AsNoTracking().Where(g => g.ImportId == import.Id).Select(g => new { g.ValueKey, g.Count }).ToListAsync())
            .Should().ContainSingle("the emptied groups are deleted, not kept at 0").Which.Count.Should().Be(2);
        var skipped = await db.ImportRows.AsNoTracking().Where(r => r.ImportId == import.Id && r.Status == RowStatus.Skipped).ToListAsync();
        skipped.Should().HaveCount(skip.Length).And.OnlyContain(r => r.SkippedByOperator && r.Messages.Count == 0 && r.RowKey == null && r.Action == RowAction.None);
        skipped.Single(r => r.RowNumber == worse).Values.Should().Contain("worse", "a skip keeps the row's values");
    }

    /// <summary>The statement that deletes a batch's emptied groups seeks each by its whole key (SQLite's plan): no scan of the import's groups.</summary>
    [Fact]
    public async Task The_emptied_groups_are_deleted_by_their_keys()
    {
        await using var app = new TestApp();
        await app.ApiAsync();

        var plan = await SqlitePlan.OfAsync(app.ConnectionString, ProblemGroupCounts.DeleteEmptiedSql(3));

        var keySearches = plan.Where(step => step.EndsWith("(ImportId=? AND Column=? AND Rule=? AND ValueKey=?)", StringComparison.Ordinal)).ToList();
        keySearches.Should().HaveCount(3, $"each group is sought by its key; the plan: {string.Join(" | ", plan)}");
        plan.Should().NotContain(step => step.EndsWith("(ImportId=?)", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
    }
}
