using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
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
}
