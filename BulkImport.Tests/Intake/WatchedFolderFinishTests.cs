using BulkImport.Core.Data;
using BulkImport.Core.Intake;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Intake;

/// <summary>
/// The end of a folder's file is crash-safe (SPEC 19): where it goes is saved before it is moved, so a stop between the
/// move and the record finishes it to the same place, never over the files of an earlier import of the same name.
/// </summary>
public sealed class WatchedFolderFinishTests
{
    [Fact]
    public async Task A_stop_between_the_move_and_the_record_finishes_to_the_saved_name_and_leaves_the_earlier_results_alone()
    {
        using var folder = new WatchedFolder();
        // The stop: the save recording the second x.csv as processed under "x (2).csv" fails once, after its move. The
        // next look reads the record again from the database, as the restart does.
        var stop = new BeforeSave(db => db.ChangeTracker.Entries<IntakeFile>()
            .Any(e => e.State == EntityState.Modified && e.Entity.State == IntakeState.Processed && e.Entity.StoredName == "x (2).csv"))
        {
            Action = _ => throw new IOException("The app stopped here."),
        };
        using var app = new TestApp(folder.Settings(), s => s.ConfigureDbContext<BulkImportDbContext>(o => o.AddInterceptors(stop)));
        _ = app.Services;
        folder.Drop("x.csv", "First Name,Last Name\nEarly,One\n");
        var earlierResults = Path.Combine(folder.Processed, "x.csv.results.csv");
        await WatchedFolder.WaitForAsync(async () => (await WatchedFolder.RecordsAsync(app)).SingleOrDefault(r => r.State == IntakeState.Processed), "the first file's record");
        var earlier = await File.ReadAllTextAsync(earlierResults);

        folder.Drop("x.csv", "First Name,Last Name\nLater,Two\nLater,Three\n");

        var records = await WatchedFolder.WaitForAsync(async () => await WatchedFolder.RecordsAsync(app) is { Count: 2 } both && both.All(r => r.State == IntakeState.Processed) ? both : null,
            "both records to be processed");
        stop.Fired.Should().BeTrue("the app stopped between the move and the record");
        var imports = await WatchedFolder.ImportsAsync(app);
        records.Select(r => (r.StoredName, r.ImportId, r.Destination)).Should().Equal(("x.csv", imports[0].Id, null), ("x (2).csv", imports[1].Id, null));
        (await File.ReadAllTextAsync(earlierResults)).Should().Be(earlier, "the earlier import's results are not written over");
        File.Exists(Path.Combine(folder.Processed, "x (2).csv")).Should().BeTrue();
        (await File.ReadAllLinesAsync(Path.Combine(folder.Processed, "x (2).csv.results.csv"))).Skip(1).Should().HaveCount(2, "the second import's results are beside the second file");
        Directory.GetFiles(folder.Processed).Select(Path.GetFileName).Should().BeEquivalentTo("x.csv", "x.csv.results.csv", "x (2).csv", "x (2).csv.results.csv");
    }
}
