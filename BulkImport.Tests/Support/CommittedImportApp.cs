using BulkImport.Core.Security;

namespace BulkImport.Tests.Support;

/// <summary>
/// One app for a test class, with one import committed by the administrator: rows of every status (Success, Error,
/// Skipped) and an SSN, so every list and download has personal data and every row filter has rows.
/// </summary>
public sealed class CommittedImportApp : IAsyncLifetime
{
    public TestApp Host { get; } = new();

    public ApiClient Admin { get; private set; } = null!;

    public int ImportId { get; private set; }

    public async Task InitializeAsync()
    {
        Admin = await Host.ApiAsync(Roles.Admin);
        var import = await Admin.ImportAsync("First Name,Last Name,SSN\nAnn,Lee,123-45-6789\nBo,,\n,,\n,,\nCy,Ng,\n", operation: "Add");
        await Admin.CommitAndWaitAsync(import.Id);
        ImportId = import.Id;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
