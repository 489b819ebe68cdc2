using System.Net.Http.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Intake;

/// <summary>A watched folder survives the app being killed (SIGKILL) while a file is in processing/ (SPEC section 19).</summary>
public sealed class WatchedFolderCrashTests
{
    private static async Task<List<ImportSummary>> ImportsAsync(ApiClient api) =>
        [.. (await api.Http.GetFromJsonAsync<PageDto<ImportSummary>>("/api/imports?pageSize=100", ApiClient.Json))!.Items];

    [Fact]
    public async Task Files_in_processing_when_the_app_is_killed_are_finished_after_the_restart_and_imported_once()
    {
        using var folder = new WatchedFolder();
        var settings = folder.Settings(autoCommit: false).ToDictionary(s => s.Key, s => s.Value!);
        await using var app = new AppProcess(settings);
        await app.StartAsync();
        folder.Drop("crash.csv", "First Name,Last Name\nCrash,One\nCrash,Two\n");
        var api = await app.ApiAsync(Roles.Importer);
        await WatchedFolder.WaitForAsync(async () => (await ImportsAsync(api)).SingleOrDefault(i => i.Status == ImportStatus.ReadyForReview), "the first file's import");
        File.Exists(Path.Combine(folder.Processing, "crash.csv")).Should().BeTrue();
        // A second file as a stop right after moving it to processing/ (before its import existed) would leave it.
        await File.WriteAllTextAsync(Path.Combine(folder.Processing, "left.csv"), "First Name,Last Name\nLeft,Behind\n");

        await app.KillAsync();
        await app.StartAsync();

        api = await app.ApiAsync(Roles.Importer);
        var imports = await WatchedFolder.WaitForAsync(async () => await ImportsAsync(api) is { Count: 2 } both && both.All(i => i.Status == ImportStatus.ReadyForReview) ? both : null,
            "both imports to be ready for review");
        imports.Select(i => i.FileName).Should().BeEquivalentTo("crash.csv", "left.csv");
        foreach (var import in imports)
        {
            await api.CommitAndWaitAsync(import.Id);
        }

        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "crash.csv"));
        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "left.csv"));
        File.Exists(Path.Combine(folder.Processed, "crash.csv.results.csv")).Should().BeTrue();
        Directory.GetFiles(folder.Processing).Where(f => !Path.GetFileName(f).StartsWith('.')).Should().BeEmpty();
        (await ImportsAsync(api)).Should().HaveCount(2, "the file in processing/ was matched to its import, not imported again");
    }
}
