using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Retention;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Imports.Mapping;

/// <summary>
/// An import left at AwaitingMapping (SPEC 16) is abandoned like one left in review: <c>Import:RetentionDays</c> after
/// its upload it is cancelled, says why, and the upload kept for the mapping (which holds the values) is deleted.
/// </summary>
public sealed class MappingRetentionTests : IDisposable
{
    private const string PartnerFile = "Given Name,Surname,SSN\nAnn,Lee,123-45-6789\n";
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_import_left_waiting_for_mapping_past_the_period_is_cancelled_and_its_upload_deleted()
    {
        var api = await _app.ApiAsync(Roles.Importer);
        var old = await api.ImportAsync(PartnerFile, operation: "Add");
        var recent = await api.ImportAsync(Encoding.UTF8.GetBytes(PartnerFile + "Bo,Ng,\n"), operation: "Add");
        old.Status.Should().Be(ImportStatus.AwaitingMapping);
        recent.Status.Should().Be(ImportStatus.AwaitingMapping);
        var oldUpload = await UploadPathAsync(old.Id);
        var recentUpload = await UploadPathAsync(recent.Id);
        File.Exists(oldUpload).Should().BeTrue("the upload is kept while the import waits for its columns to be mapped");
        await using (var db = _app.CreateDbContext())
        {
            var then = DateTime.UtcNow.AddDays(-31);
            await db.Imports.Where(i => i.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, then));
        }

        await _app.Services.GetRequiredService<RowRetention>().ApplyAsync(CancellationToken.None);

        var expired = await api.GetAsync(old.Id);
        expired.Status.Should().Be(ImportStatus.Cancelled);
        expired.CancelledBy.Should().Be(Import.Retention);
        expired.FailureReason.Should().Contain("not mapped within 30 days").And.Contain("Import:RetentionDays").And.Contain("Upload the file again");
        expired.RowsPurgedAt.Should().NotBeNull();
        File.Exists(oldUpload).Should().BeFalse("the upload holds the values the retention period is about");
        (await api.GetAsync(recent.Id)).Status.Should().Be(ImportStatus.AwaitingMapping);
        File.Exists(recentUpload).Should().BeTrue();
    }

    private async Task<string> UploadPathAsync(int id)
    {
        await using var db = _app.CreateDbContext();
        var import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == id);
        return _app.Services.GetRequiredService<ImportFiles>().PathOf(import);
    }
}
