using BulkImport.Core.Data;
using BulkImport.Core.Intake;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Intake;

/// <summary>
/// A refused file (here the same file sent again) is crash-safe as a finished one is (SPEC 19): its record, with where it
/// goes in error/, is saved before errors.txt is written and the file moved, and the restart completes what a stop
/// interrupted. Moving first left a file in error/ with no record after a stop in between.
/// </summary>
public sealed class WatchedFolderRefusalTests
{
    private const string Content = "First Name,Last Name\nAda,Twice\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stop_during_a_refusal_is_completed_at_the_restart_with_one_record_and_no_import(bool rightAfterTheRecord)
    {
        using var folder = new WatchedFolder();
        var settings = folder.Settings();
        // The database outlives the first app, as a real one outlives its process.
        settings["ConnectionStrings:BulkImport"] = $"Data Source={Path.Combine(Path.GetDirectoryName(folder.Root)!, "bulkimport.db")}";
        var stop = rightAfterTheRecord
            ? new StopAtSave(db => Refusals(db).Any(e => e.State == EntityState.Added), saved: true)
            : new StopAtSave(db => Refusals(db).Any(e => e.Entity.State == IntakeState.Error), saved: false);
        using (var first = new TestApp(settings, s => s.ConfigureDbContext<BulkImportDbContext>(o => o.AddInterceptors(stop))))
        {
            _ = first.Services;
            folder.Drop("twice.csv", Content);
            await folder.WaitForFileAsync(Path.Combine(folder.Processed, "twice.csv.results.csv"));
            folder.Drop("twice.csv", Content);

            await stop.Fired.WaitAsync(TimeSpan.FromSeconds(60));
            if (rightAfterTheRecord)
            {
                File.Exists(Path.Combine(folder.Processing, "twice.csv")).Should().BeTrue("the record is saved before the file moves");
                File.Exists(Path.Combine(folder.Error, "twice.csv")).Should().BeFalse();
            }
        }

        using var restarted = new TestApp(settings);
        _ = restarted.Services;
        await WatchedFolder.WaitForScansAsync(restarted);

        var records = await WatchedFolder.RecordsAsync(restarted);
        records.Select(r => (r.StoredName, r.State, r.Destination)).Should().Equal(
            ("twice.csv", IntakeState.Processed, null), ("twice.csv", IntakeState.Error, null));
        records[1].ImportId.Should().BeNull();
        records[1].Reason.Should().Contain("already imported from this folder");
        (await WatchedFolder.ImportsAsync(restarted)).Should().ContainSingle("the refused file is not imported at the restart");
        (await File.ReadAllTextAsync(Path.Combine(folder.Error, "twice.csv.errors.txt"))).Should().Contain("already imported from this folder");
        Directory.GetFiles(folder.Error).Select(Path.GetFileName).Should().BeEquivalentTo("twice.csv", "twice.csv.errors.txt");
        Directory.GetFiles(folder.Processing).Where(f => !Path.GetFileName(f).StartsWith('.')).Should().BeEmpty();
    }

    /// <summary>The records of refusals a context is about to save.</summary>
    private static IEnumerable<EntityEntry<IntakeFile>> Refusals(DbContext db) =>
        db.ChangeTracker.Entries<IntakeFile>().Where(e => e.Entity.Reason != null && e.State is EntityState.Added or EntityState.Modified);
}
