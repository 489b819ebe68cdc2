using System.Net;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Retention;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Imports;

/// <summary>
/// Issue 15: the values of staged rows (names, SSNs) are deleted <c>Import:RetentionDays</c> after an import ended, or
/// after its upload while it waits in review; what the import did (counts, statuses, messages, results) is kept.
/// </summary>
public sealed class RowRetentionTests : IDisposable
{
    private const string File = "First Name,Last Name,SSN\nAnn,Lee,123-45-6789\nBo,,\n";
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_committed_import_past_the_period_loses_its_row_values_and_keeps_its_results()
    {
        var api = await _app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(File, operation: "Add");
        await api.CommitAndWaitAsync(import.Id);
        var resultsBefore = await api.Http.GetStringAsync($"/api/imports/{import.Id}/results.csv");
        await AgeAsync(import.Id, days: 31);

        await _app.Services.GetRequiredService<RowRetention>().ApplyAsync(CancellationToken.None);

        var rows = await api.RowsAsync(import.Id);
        rows.Items.Should().HaveCount(2).And.OnlyContain(r => r.Values.Values.All(v => string.IsNullOrEmpty(v)), "the values are deleted");
        rows.Items.Select(r => r.Status).Should().Equal(RowStatus.Success, RowStatus.Error);
        (await api.Http.GetStringAsync($"/api/imports/{import.Id}/results.csv")).Should().Be(resultsBefore, "the results never held values");
        await using var db = _app.CreateDbContext();
        (await db.Imports.SingleAsync(i => i.Id == import.Id)).RowsPurgedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_cancelled_import_past_the_period_can_no_longer_be_replayed_and_says_why()
    {
        var api = await _app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(File, operation: "Add");
        (await api.Http.PostAsync($"/api/imports/{import.Id}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await AgeAsync(import.Id, days: 31);

        await _app.Services.GetRequiredService<RowRetention>().ApplyAsync(CancellationToken.None);

        var support = await _app.ApiAsync(Roles.Support);
        var replay = await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null);
        replay.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await replay.Content.ReadAsStringAsync()).Should().Contain("can no longer be replayed").And.Contain("Import:RetentionDays");
    }

    [Fact]
    public async Task An_import_left_in_review_past_the_period_is_cancelled_and_a_recent_one_is_untouched()
    {
        var api = await _app.ApiAsync(Roles.Importer);
        var old = await api.ImportAsync(File, operation: "Add");
        var recent = await api.ImportAsync(File, operation: "Add");
        await AgeAsync(old.Id, days: 31);

        await _app.Services.GetRequiredService<RowRetention>().ApplyAsync(CancellationToken.None);

        var expired = await api.GetAsync(old.Id);
        expired.Status.Should().Be(ImportStatus.Cancelled);
        (await api.RowsAsync(old.Id)).Items.Should().OnlyContain(r => r.Values.Values.All(v => string.IsNullOrEmpty(v)));
        (await api.GetAsync(recent.Id)).Status.Should().Be(ImportStatus.ReadyForReview);
        (await api.RowsAsync(recent.Id)).Items[0].Values["First Name"].Should().Be("Ann");
    }

    /// <summary>Moves an import's dates back, as the days passing would.</summary>
    private async Task AgeAsync(int id, int days)
    {
        await using var db = _app.CreateDbContext();
        var then = DateTime.UtcNow.AddDays(-days);
        await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, then).SetProperty(i => i.CompletedAt, i => i.CompletedAt == null ? null : then));
    }
}
