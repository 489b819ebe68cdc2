using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Imports;

/// <summary>
/// A status change decided on a status that someone else changed meanwhile is never saved: the end of reading a file
/// does not overwrite a cancel made while it was read (issue 15, "Cancel and staging end change the status only from
/// the status they expect").
/// </summary>
public sealed class ImportStatusRaceTests
{
    /// <summary>An app whose next save turning an import <paramref name="into"/> that status first lets a person cancel it.</summary>
    private static (TestApp App, BeforeSave Hook) AppCancellingBefore(ImportStatus into)
    {
        var hook = new BeforeSave(db => db.ChangeTracker.Entries<Import>()
            .Any(e => e.State == EntityState.Modified && e.Property(i => i.Status).IsModified && e.Entity.Status == into));
        var app = new TestApp(services: s => s.ConfigureDbContext<BulkImportDbContext>(o => o.AddInterceptors(hook)));
        hook.Action = async db =>
        {
            var id = db.ChangeTracker.Entries<Import>().Single(e => e.Property(i => i.Status).IsModified).Entity.Id;
            await app.Services.GetRequiredService<ImportCommands>().CancelAsync(id, "importer@bulkimport.local", CancellationToken.None);
        };
        return (app, hook);
    }

    [Fact]
    public async Task A_cancel_made_as_reading_ends_stands_and_the_import_keeps_its_counts()
    {
        var (app, hook) = AppCancellingBefore(ImportStatus.ReadyForReview);
        using var _ = app;
        var api = await app.ApiAsync(Roles.Importer);

        var created = await api.ImportAsync("First Name,Last Name\nAnn,Lee\n,\nBo,\n", operation: "Add");
        // The cancel shows at once; the reading's own save (its counts) follows it.
        var import = await api.WaitForAsync(created.Id, s => s.TotalRows > 0);

        hook.Fired.Should().BeTrue("the cancel came between the decision and the save");
        import.Status.Should().Be(ImportStatus.Cancelled, "the person's cancel is not overwritten by the end of reading");
        import.CancelledBy.Should().Be("importer@bulkimport.local");
        (import.TotalRows, import.ValidRows, import.ErrorRows, import.SkippedRows).Should().Be((3, 1, 1, 1));
    }

    [Fact]
    public async Task A_cancel_made_as_a_file_fails_validation_stands()
    {
        var (app, hook) = AppCancellingBefore(ImportStatus.ValidationFailed);
        using var _ = app;
        var api = await app.ApiAsync(Roles.Importer);

        var created = await api.ImportAsync("First Name\nAnn\n", operation: "Add");
        var import = await api.WaitForAsync(created.Id, s => s.FileErrors.Count > 0);

        hook.Fired.Should().BeTrue();
        import.Status.Should().Be(ImportStatus.Cancelled);
        import.FileErrors.Should().ContainSingle().Which.Should().Contain("Last Name", "the reason the file could not be imported is still recorded");
    }
}
