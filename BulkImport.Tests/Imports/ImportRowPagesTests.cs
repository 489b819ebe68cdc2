using BulkImport.Core.Domains.Clients;
using System.Globalization;
using System.Text;
using BulkImport.App.Hosting;
using BulkImport.Core.Clients;
using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Fixes;
using BulkImport.Core.Imports.Results;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BulkImport.Tests.Imports;

/// <summary>
/// The review grid's pages (issue 7): the total of a filter comes from the import's counters instead of a count of the
/// rows, and a page is found from the nearer end of the filtered rows; both must give exactly what counting and
/// skipping would, at every step of an import's life. The commit worker is removed, so the test runs each commit
/// itself and every partial state is reached on purpose, not by timing.
/// </summary>
public sealed class ImportRowPagesTests : IDisposable
{
    private static readonly RowStatus?[] Filters = [null, RowStatus.Valid, RowStatus.Error, RowStatus.Skipped, RowStatus.Success, RowStatus.Failed];
    private const string User = "importer@bulkimport.local";

    private readonly TestApp _app = new(
        new() { ["Import:CommitBatchSize"] = "5", ["Commit:FailAfterRows"] = "10" },
        services => services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CommitWorker))));

    private ImportHistory History => _app.Services.GetRequiredService<ImportHistory>();

    private ImportCommands Commands => _app.Services.GetRequiredService<ImportCommands>();

    private RowPages Rows => _app.Services.GetRequiredService<RowPages>();

    private RowEdits Edits => _app.Services.GetRequiredService<RowEdits>();

    private ErrorRowsFile RowsFile => _app.Services.GetRequiredService<ErrorRowsFile>();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Each_filters_total_matches_a_count_of_its_rows_through_review_edits_a_stopped_commit_a_cancel_and_the_end()
    {
        var api = await _app.ApiAsync();
        var (id, gone, kept) = await StageMixedImportAsync(api);
        await AssertTotalsAsync(id, "after reading the file");

        await api.EditRowAsync(id, 26, new() { ["Last Name"] = "Fixed" });
        await AssertTotalsAsync(id, "after an error row was fixed");
        await api.EditRowAsync(id, 6, new() { ["First Name"] = "" });
        await AssertTotalsAsync(id, "after a valid row was broken");
        await Edits.SkipRowAsync(id, 7, CancellationToken.None);
        await AssertTotalsAsync(id, "after a valid row was skipped");
        await Edits.SkipRowAsync(id, 31, CancellationToken.None);
        await AssertTotalsAsync(id, "after an error row was skipped");
        (await api.RowAsync(id, 28)).Status.Should().Be(RowStatus.Error, "rows 28 and 29 share a Client ID");
        await api.EditRowAsync(id, 29, new() { ["Client ID"] = "" });
        (await api.RowAsync(id, 28)).Status.Should().Be(RowStatus.Valid, "the other row of the key is revalidated");
        await AssertTotalsAsync(id, "after one of two rows with the same key was changed");

        // Rows 2 and 3 update clients that are removed before the commit: they fail at the commit.
        await using (var db = _app.CreateDbContext())
        {
            await db.Clients.Where(c => gone.Contains(c.ClientId)).ExecuteDeleteAsync();
        }

        var stopped = await CommitAsync(id);
        stopped.Status.Should().Be(ImportStatus.CommitFailed);
        stopped.ProcessedRows.Should().Be(10);
        stopped.Failed.Should().Be(2);
        stopped.Updated.Should().Be(kept.Length);
        await AssertTotalsAsync(id, "after a commit stopped part way");
        await AssertResultsFileAsync(id, "after a commit stopped part way");

        await Commands.ReplayAsync(id, "support@bulkimport.local", CancellationToken.None);
        await AssertTotalsAsync(id, "while a replay is queued");
        var cancelled = await Commands.CancelAsync(id, User, CancellationToken.None);
        cancelled.Status.Should().Be(ImportStatus.Cancelled);
        cancelled.ProcessedRows.Should().Be(10);
        await AssertTotalsAsync(id, "after a partly committed import was cancelled");
        await AssertResultsFileAsync(id, "after a partly committed import was cancelled");

        var done = cancelled;
        while (done.Status != ImportStatus.Committed)
        {
            await Commands.ReplayAsync(id, "support@bulkimport.local", CancellationToken.None);
            done = await RunCommitAsync(id);
            await AssertTotalsAsync(id, $"after a replay ended {done.Status} with {done.ProcessedRows} rows processed");
        }

        done.ProcessedRows.Should().Be(done.ValidRows);
        await AssertResultsFileAsync(id, "after the commit ended");
    }

    [Fact]
    public async Task Every_page_of_every_filter_in_either_order_holds_the_rows_that_counting_and_skipping_give()
    {
        var api = await _app.ApiAsync();
        var (id, gone, _) = await StageMixedImportAsync(api);
        await Edits.SkipRowAsync(id, 7, CancellationToken.None);
        await using (var db = _app.CreateDbContext())
        {
            await db.Clients.Where(c => gone.Contains(c.ClientId)).ExecuteDeleteAsync();
        }

        // Stopped after 10 rows: every status is present (Valid, Success, Failed, Error, Skipped).
        (await CommitAsync(id)).Status.Should().Be(ImportStatus.CommitFailed);
        foreach (var status in Filters)
        {
            foreach (var pageSize in new[] { 1, 7, 100 })
            {
                foreach (var descending in new[] { false, true })
                {
                    var expectedTotal = await CountAsync(id, status);
                    var lastPage = Math.Max(1, (expectedTotal + pageSize - 1) / pageSize);
                    for (var page = 1; page <= lastPage + 1; page++)
                    {
                        var request = new PageRequest(page, pageSize);
                        var got = await Rows.RowsAsync(id, status, request, CancellationToken.None, descending);
                        var because = $"{status?.ToString() ?? "All"} page {page} of {pageSize}{(descending ? ", newest first" : "")}";
                        got.TotalCount.Should().Be(expectedTotal, because);
                        got.Items.Select(r => r.RowNumber).Should().Equal(await SkipAndTakeAsync(id, status, request, descending), because);
                        got.Items.Where(r => status != null && r.Status != status).Should().BeEmpty(because);
                    }
                }
            }
        }

        // The API shows the same pages.
        var byApi = await api.RowsAsync(id, "Valid", page: 2, pageSize: 4);
        byApi.TotalCount.Should().Be(await CountAsync(id, RowStatus.Valid));
        byApi.Items.Select(r => r.RowNumber).Should().Equal(await SkipAndTakeAsync(id, RowStatus.Valid, new PageRequest(2, 4), false));
        (await api.RowsAsync(id, "Valid", page: 2_000_000_000, pageSize: 500)).Items.Should().BeEmpty("a page far past the end is empty, whatever its number");
    }

    [Fact]
    public async Task Valid_pages_are_found_across_long_runs_of_error_and_skipped_rows_from_either_end_and_after_committed_rows()
    {
        // Runs of up to 700 rows that are not Valid, so finding a page counts them in strides, not only walks them.
        var random = new Random(7);
        var statuses = new List<RowStatus>();
        while (statuses.Count < 4_000)
        {
            statuses.AddRange(Enumerable.Repeat(RowStatus.Valid, random.Next(1, 120)));
            statuses.AddRange(Enumerable.Repeat(random.Next(4) == 0 ? RowStatus.Skipped : RowStatus.Error, random.Next(1, 700)));
        }

        var id = await StageStatusesAsync(statuses);
        await AssertValidPagesAsync(id, "before the commit");

        // The first 150 Valid rows committed: the Valid filter shows the rows after the last of them.
        var committed = statuses.Select((status, i) => (status, row: i + 2)).Where(r => r.status == RowStatus.Valid).Take(150).ToList();
        await using (var db = _app.CreateDbContext())
        {
            db.RowResults.AddRange(committed.Select(r => new RowResult { ImportId = id, RowNumber = r.row, Status = RowStatus.Success, RecordId = r.row }));
            await db.SaveChangesAsync();
            // As the commit counts them, in the transaction that records the results.
            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(i => i.ProcessedRows, committed.Count).SetProperty(i => i.Inserted, committed.Count).SetProperty(i => i.Status, ImportStatus.CommitFailed));
        }

        await AssertValidPagesAsync(id, "after 150 rows were committed");
    }

    private async Task AssertValidPagesAsync(int id, string when)
    {
        var expectedTotal = await CountAsync(id, RowStatus.Valid);
        foreach (var pageSize in new[] { 37, 100 })
        {
            foreach (var descending in new[] { false, true })
            {
                var lastPage = (expectedTotal + pageSize - 1) / pageSize;
                for (var page = 1; page <= lastPage + 1; page++)
                {
                    var request = new PageRequest(page, pageSize);
                    var got = await Rows.RowsAsync(id, RowStatus.Valid, request, CancellationToken.None, descending);
                    var because = $"Valid page {page} of {pageSize}{(descending ? ", newest first" : "")} {when}";
                    got.TotalCount.Should().Be(expectedTotal, because);
                    got.Items.Select(r => r.RowNumber).Should().Equal(await SkipAndTakeAsync(id, RowStatus.Valid, request, descending), because);
                }
            }
        }
    }

    /// <summary>A Client Add import whose rows 2, 3, … have the given statuses, staged as reading a file would stage them.</summary>
    private async Task<int> StageStatusesAsync(IReadOnlyList<RowStatus> statuses)
    {
        await using var db = _app.CreateDbContext();
        var import = new Import
        {
            Domain = ClientDomain.Key, Operation = Operation.Add, Status = ImportStatus.ReadyForReview, FileName = "runs.csv",
            StoredFileName = Guid.NewGuid().ToString("N") + ".csv", CreatedBy = User, CreatedAt = DateTime.UtcNow,
            PresentColumns = [.. StagedImports.PresentColumns],
        };
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        RowCounts.Reset(import);
        var values = RowJson.SerializeValuesUtf8(StagedImports.ClientRow(("First Name", "Run"), ("Last Name", "Row")));
        var rows = new List<StagedRow>();
        for (var i = 0; i < statuses.Count; i++)
        {
            var action = statuses[i] == RowStatus.Valid ? RowAction.Insert : RowAction.None;
            rows.Add(new StagedRow(i + 2, statuses[i], action, values, RowJson.SerializeMessagesUtf8([]), null));
            import.TotalRows++;
            RowCounts.Add(import, statuses[i], action);
        }

        await db.Database.OpenConnectionAsync();
        using (var writer = ImportRowWriter.Create(db.Database.GetDbConnection(), import.Id))
        {
            writer.Write(rows);
        }

        await db.SaveChangesAsync();
        return import.Id;
    }

    [Fact]
    public async Task While_a_file_is_read_the_rows_staged_so_far_are_counted()
    {
        // Reading keeps the counters in memory until the end: the saved ones say nothing yet.
        var id = await StagedImports.AddAsync(_app.Services, User, ImportStatus.Validating);
        await using (var db = _app.CreateDbContext())
        {
            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.TotalRows, 0).SetProperty(i => i.ValidRows, 0).SetProperty(i => i.ErrorRows, 0).SetProperty(i => i.InsertRows, 0));
        }

        var import = await History.GetAsync(id, CancellationToken.None);
        foreach (var status in Filters)
        {
            RowCounts.Exact(import, status).Should().BeNull();
            var page = await Rows.RowsAsync(id, status, new PageRequest(1, 2), CancellationToken.None);
            page.TotalCount.Should().Be(await CountAsync(id, status));
            page.Items.Select(r => r.RowNumber).Should().Equal(await SkipAndTakeAsync(id, status, new PageRequest(1, 2), false));
        }

        // The same once the reading was cancelled and stopped before saving its counters.
        await _app.Services.SetStatusAsync(id, ImportStatus.Cancelled);
        import = await History.GetAsync(id, CancellationToken.None);
        RowCounts.Exact(import, RowStatus.Valid).Should().BeNull();
        (await Rows.RowsAsync(id, RowStatus.Valid, new PageRequest(1, 2), CancellationToken.None)).TotalCount.Should().Be(2);
        (await Rows.RowsAsync(id, null, new PageRequest(1, 2), CancellationToken.None)).TotalCount.Should().Be(3);
    }

    /// <summary>
    /// An Add &amp; Update import of 60 rows: 2-3 update clients that will be removed, 4-5 update clients that stay, 6-25 and
    /// 32-61 insert, 26 lacks a last name, 27 is blank, 28 and 29 update the same client, 30 inserts, 31 names a client that
    /// does not exist.
    /// </summary>
    private async Task<(int Id, int[] Gone, int[] Kept)> StageMixedImportAsync(ApiClient api)
    {
        var clients = Enumerable.Range(1, 5).Select(i => new Client { FirstName = "Paged", LastName = $"Client{i}" }).ToList();
        await using (var db = _app.CreateDbContext())
        {
            db.Clients.AddRange(clients);
            await db.SaveChangesAsync();
        }

        var ids = clients.Select(c => c.ClientId).ToArray();
        var csv = new StringBuilder("Client ID,First Name,Last Name\n");
        csv.Append(ids[0]).Append(",Gone,One\n").Append(ids[1]).Append(",Gone,Two\n");
        csv.Append(ids[2]).Append(",Kept,One\n").Append(ids[3]).Append(",Kept,Two\n");
        for (var i = 6; i <= 25; i++)
        {
            csv.Append(",New,Row").Append(i).Append('\n');
        }

        csv.Append(",NoLastName,\n");
        csv.Append(",,\n");
        csv.Append(ids[4]).Append(",Same,Key\n").Append(ids[4]).Append(",Same,Key\n");
        csv.Append(",New,Row30\n");
        csv.Append("999999,Nobody,Here\n");
        for (var i = 32; i <= 61; i++)
        {
            csv.Append(",New,Row").Append(i).Append('\n');
        }

        var import = await api.ImportAsync(csv.ToString(), operation: "AddUpdate");
        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.TotalRows.Should().Be(60);
        import.SkippedRows.Should().Be(1);
        import.ErrorRows.Should().Be(4);
        return (import.Id, ids[..2], ids[2..4]);
    }

    private async Task<Import> CommitAsync(int id)
    {
        await Commands.QueueCommitAsync(id, User, CancellationToken.None);
        return await RunCommitAsync(id);
    }

    private async Task<Import> RunCommitAsync(int id)
    {
        await _app.Services.GetRequiredService<ImportCommitRunner>().RunAsync(id, CancellationToken.None);
        return await History.GetAsync(id, CancellationToken.None);
    }

    private async Task AssertTotalsAsync(int id, string when)
    {
        var import = await History.GetAsync(id, CancellationToken.None);
        foreach (var status in Filters)
        {
            var counted = await CountAsync(id, status);
            var filter = status?.ToString() ?? "All";
            RowCounts.Exact(import, status).Should().Be(counted, $"the counters must say how many rows are {filter} {when} ({import.Status})");
            (await Rows.RowsAsync(id, status, new PageRequest(1, 10), CancellationToken.None)).TotalCount.Should().Be(counted, $"{filter} {when}");
            // The rows file to fix in a spreadsheet (SPEC 20: any row status) lists the same rows as the grid.
            using var file = new MemoryStream();
            await RowsFile.WriteAsync(import, status, reveal: false, file, CancellationToken.None);
            var records = Rfc4180.Parse(Encoding.UTF8.GetString(file.ToArray()));
            records.Count.Should().Be(counted + 1, $"the rows file of {filter} rows {when} has the header and each of them");
        }
    }

    private async Task<int> CountAsync(int id, RowStatus? status)
    {
        await using var db = _app.CreateDbContext();
        var rows = await ShownRows.LoadAsync(db, id);
        return rows.Count(r => status == null || r.Status == status);
    }

    private async Task<List<int>> SkipAndTakeAsync(int id, RowStatus? status, PageRequest page, bool descending)
    {
        await using var db = _app.CreateDbContext();
        var rows = (await ShownRows.LoadAsync(db, id)).Where(r => status == null || r.Status == status);
        var ordered = descending ? rows.OrderByDescending(r => r.RowNumber) : rows.OrderBy(r => r.RowNumber);
        return [.. ordered.Skip(page.Skip).Take(page.PageSize).Select(r => r.RowNumber)];
    }

    /// <summary>The results file is byte for byte what it was when it was written from whole rows (values and all).</summary>
    private async Task AssertResultsFileAsync(int id, string when)
    {
        var import = await History.GetAsync(id, CancellationToken.None);
        using var written = new MemoryStream();
        await _app.Services.GetRequiredService<ResultsFile>().WriteAsync(import, written, CancellationToken.None);

        using var expected = new MemoryStream();
        await using (var db = _app.CreateDbContext())
        await using (var writer = CsvExport.Create(expected))
        {
            writer.WriteHeader(ResultsFile.Columns);
            var notReached = import.Status == ImportStatus.Cancelled
                ? "The import was cancelled before this row was committed."
                : "The commit stopped before this row. Replay the import to continue.";
            foreach (var row in await ShownRows.LoadAsync(db, id))
            {
                var messages = string.Join("; ", row.Messages.Select(m => m.IsWarning ? "Warning: " + m.Message : m.Message));
                var (status, action, shown) = row.Status switch
                {
                    RowStatus.Success => ("Success", row.Action.ToString(), messages),
                    RowStatus.Failed => ("Failed", row.Action.ToString(), messages),
                    RowStatus.Error => ("Failed", "", messages),
                    RowStatus.Skipped => ("Skipped", "", row.SkippedByOperator ? "Skipped by the operator." : "Blank row."),
                    // SPEC 18: rows the commit never reached are "Not imported", their action kept.
                    _ => ("Not imported", row.Action.ToString(), notReached),
                };
                await writer.WriteRecordAsync(new[] { row.RowNumber.ToString(CultureInfo.InvariantCulture), status, action, row.RecordId?.ToString(CultureInfo.InvariantCulture) ?? "", shown });
            }
        }

        var text = Encoding.UTF8.GetString(written.ToArray());
        text.Should().Contain("Failed,Update,,Client ID").And.Contain("Skipped by the operator.").And.Contain("Blank row.").And.Contain(",Success,Insert,");
        written.ToArray().Should().Equal(expected.ToArray(), $"the results file {when} must not change");
    }
}
