using System.Text;
using BulkImport.App.Hosting;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Staging;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BulkImport.Tests.Imports;

/// <summary>
/// Cancelling an import while its file is read stops the reading (issue 15), instead of reading and validating the whole
/// file first while every other upload waits behind it. The validation worker is removed so the test runs the staging
/// itself; the cancel is made from the progress feed at the first progress point, on the reading thread, so where the
/// reading is when it is cancelled is decided by the rows, not by timing.
/// </summary>
public sealed class StagingCancelTests : IDisposable
{
    private const int Rows = 200_000;
    private const string User = "importer@bulkimport.local";

    private readonly TestApp _app = new(services: services =>
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ValidationWorker))));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Cancelling_while_the_file_is_read_stops_the_reading_ends_Cancelled_and_keeps_no_staged_rows()
    {
        var imports = _app.Services.GetRequiredService<ImportCommands>();
        var history = _app.Services.GetRequiredService<ImportHistory>();
        var csv = new StringBuilder("First Name,Last Name\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append("Ann,Lee\n");
        }

        ImportFiles.StoredFile stored;
        await using (var upload = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())))
        {
            stored = await _app.Services.GetRequiredService<ImportFiles>().StoreAsync(upload, CancellationToken.None);
        }

        var import = await imports.CreateAsync(new NewImport(stored, "big.csv", BulkImport.Core.Domains.Clients.ClientDomain.Key, Operation.Add, false, null, User), CancellationToken.None);
        var mostRead = 0;
        var cancelled = false;
        using var subscription = _app.Services.GetRequiredService<ImportProgressFeed>().Subscribe(import.Id, progress =>
        {
            if (progress.Status != ImportStatus.Validating)
            {
                return;
            }

            mostRead = Math.Max(mostRead, progress.ProcessedRows);
            if (!cancelled)
            {
                // A person cancels as the first progress is shown; the reading thread waits for the cancel to be saved.
                cancelled = true;
                imports.CancelAsync(import.Id, User, CancellationToken.None).GetAwaiter().GetResult();
            }
        });

        await _app.Services.GetRequiredService<ImportStagingService>().RunAsync(import.Id, CancellationToken.None);

        cancelled.Should().BeTrue("the first progress point came after 10,000 of the file's rows");
        mostRead.Should().BeLessThan(Rows, "the reading stops once the cancel is seen, not at the end of the file");
        var after = await history.GetAsync(import.Id, CancellationToken.None);
        after.Status.Should().Be(ImportStatus.Cancelled);
        after.CancelledBy.Should().Be(User);
        after.TotalRows.Should().Be(0, "nothing staged is kept of a file that was not read to its end");
        await using var db = _app.CreateDbContext();
        (await db.ImportRows.CountAsync(r => r.ImportId == import.Id)).Should().Be(0);
    }
}
