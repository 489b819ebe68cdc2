using System.Net;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BulkImport.Tests.Hosting;

/// <summary>One SQLite file serves one instance (SPEC 22, issue 15): a second app on the same file refuses to start.</summary>
public sealed class SingleInstanceTests : IDisposable
{
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, "test-data", "shared-" + Guid.NewGuid().ToString("N"));

    public SingleInstanceTests() => Directory.CreateDirectory(_folder);

    private string Database => Path.Combine(_folder, "bulkimport.db");

    /// <summary>An app on the shared database file (its uploads in a folder of its own), its log kept in <paramref name="logs"/> when given.</summary>
    private TestApp OnSharedFile(CapturingLoggerProvider? logs = null) => new(
        new() { ["ConnectionStrings:BulkImport"] = $"Data Source={Database}" },
        logs is null ? null : services => services.AddSingleton<ILoggerProvider>(logs));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The test output folder is temporary anyway.
        }
    }

    [Fact]
    public async Task A_second_app_on_the_same_file_refuses_to_start_naming_it_and_leaves_the_first_ones_commit_alone()
    {
        using var first = OnSharedFile();
        (await first.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        // A commit the first app is running (as far as the database says).
        var committing = await StagedImports.AddAsync(first.Services, "importer@bulkimport.local", ImportStatus.Committing);

        var logs = new CapturingLoggerProvider();
        using var second = OnSharedFile(logs);
        var start = () => second.CreateClient();

        // Which exception reaches CreateClient is a race inside WebApplicationFactory: the host that failed to start is
        // disposed, and the factory sometimes reads its services afterwards (ObjectDisposedException). The host logs
        // the refusal before it throws, as the real app's console shows it, so the message is checked there.
        start.Should().Throw<Exception>();
        logs.Entries.Should().Contain(entry => entry.Contains("System.InvalidOperationException")
            && entry.Contains($"Another BulkImport instance is using the database {Database}")
            && entry.Contains("One SQLite file serves one instance"));
        await using var db = first.CreateDbContext();
        (await db.Imports.AsNoTracking().SingleAsync(i => i.Id == committing)).Status
            .Should().Be(ImportStatus.Committing, "the second app did not take the first one's commit for interrupted");
        (await first.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Once_the_first_app_is_disposed_another_starts_on_its_file()
    {
        int committing;
        using (var first = OnSharedFile())
        {
            (await first.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
            committing = await StagedImports.AddAsync(first.Services, "importer@bulkimport.local", ImportStatus.Committing);
        }

        using var next = OnSharedFile();
        (await next.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = next.CreateDbContext();
        (await db.Imports.AsNoTracking().SingleAsync(i => i.Id == committing)).Status
            .Should().Be(ImportStatus.CommitFailed, "a restart on the same file finds the commit interrupted, as it should");
    }

    [Fact]
    public async Task Two_apps_on_different_files_run_side_by_side()
    {
        using var one = new TestApp();
        using var two = new TestApp();

        (await one.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await two.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
