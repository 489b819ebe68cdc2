using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Imports;

/// <summary>An upload is a copy of personal data: it is deleted once its rows are staged, refused or cancelled (issue 15).</summary>
public sealed class UploadDeletionTests
{
    [Theory]
    [InlineData("First Name,Last Name\nAnn,Lee\n", ImportStatus.ReadyForReview)]
    [InlineData("First Name\nAnn\n", ImportStatus.ValidationFailed)]
    public async Task The_upload_is_deleted_once_the_file_is_read(string csv, ImportStatus status)
    {
        using var app = new TestApp();
        var api = await app.ApiAsync(Roles.Importer);

        var import = await api.ImportAsync(csv, operation: "Add");

        import.Status.Should().Be(status);
        await using var db = app.CreateDbContext();
        var stored = Path.Combine(app.DataFolder, "uploads", (await db.Imports.SingleAsync(i => i.Id == import.Id)).StoredFileName);
        await Eventually.TrueAsync(() => !File.Exists(stored), $"the upload of a {status} import is deleted");
        (await api.RowsAsync(import.Id)).TotalCount.Should().Be(status == ImportStatus.ReadyForReview ? 1 : 0, "the staged rows are what review and commit use");
    }
}
