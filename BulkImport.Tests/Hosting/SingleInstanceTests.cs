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
    private TestApp OnSharedFile(CapturingLoggerProvider? logs = null) => On(Database, logs);

    /// <summary>An app on the data source <paramref name="dataSource"/> as written: a path, a link or a <c>file:</c> URI.</summary>
    private static TestApp On(string dataSource, CapturingLoggerProvider? logs = null) => new(
        new() { ["ConnectionStrings:BulkImport"] = $"Data Source={dataSource}" },
        logs is null ? null : services => services.AddSingleton<ILoggerProvider>(logs));

    /// <summary>Starts <paramref name="second"/>, which must refuse; returns what it logged about the refusal.</summary>
    private static string Refusal(TestApp second, CapturingLoggerProvider logs)
    {
        // As in the first test: the exception reaching CreateClient is a race inside WebApplicationFactory, the log is not.
        var start = () => second.CreateClient();
        start.Should().Throw<Exception>();
        var refusal = logs.Entries.FirstOrDefault(entry => entry.Contains("System.InvalidOperationException") && entry.Contains("Another BulkImport instance is using the database"));
        refusal.Should().NotBeNull("the host logs why it did not start");
        return refusal!;
    }

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

    [Fact]
    public async Task A_second_app_reaching_the_file_through_a_symbolic_link_refuses_to_start_naming_the_link_and_the_file()
    {
        using var first = OnSharedFile();
        (await first.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        // As the audit did it: a link in another folder to the first app's file (ln -s /tmp/a/data/bulkimport.db /tmp/b/linked.db).
        var elsewhere = Directory.CreateDirectory(Path.Combine(_folder, "b")).FullName;
        var link = Path.Combine(elsewhere, "linked.db");
        File.CreateSymbolicLink(link, Database);

        var logs = new CapturingLoggerProvider();
        using var second = On(link, logs);

        Refusal(second, logs).Should().Contain($"Another BulkImport instance is using the database {link}, which is {Database} (it holds {Database}.lock)")
            .And.Contain("One SQLite file serves one instance");
        (await first.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_second_app_reaching_the_file_through_a_folder_link_and_a_dot_dot_after_it_refuses_to_start()
    {
        using var first = OnSharedFile();
        (await first.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        // A linked folder and a ".." after it: b/inner -> <shared folder>/sub, so b/inner/../bulkimport.db is the shared file
        // (the operating system and SQLite take ".." after following the link); read as text it would be b/bulkimport.db.
        var elsewhere = Directory.CreateDirectory(Path.Combine(_folder, "b")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(elsewhere, "inner"), Directory.CreateDirectory(Path.Combine(_folder, "sub")).FullName);
        var roundabout = Path.Combine(elsewhere, "inner", "..", "bulkimport.db");
        var logs = new CapturingLoggerProvider();
        using var second = On(roundabout, logs);

        Refusal(second, logs).Should().Contain($", which is {Database} (it holds {Database}.lock)");
    }

    [Fact]
    public async Task An_app_on_a_file_URI_serves_its_database_and_a_second_one_on_another_URI_of_it_refuses_to_start()
    {
        // The first app opens the file through a URI (SQLite's file:///path form): it runs, and locks the file itself.
        using var first = On($"file://{Database}");
        (await first.CreateClient().GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        File.Exists(Database).Should().BeTrue("the URI names this file, and SQLite opened it");
        var contentRoot = first.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath;

        // The audit's data source: a URI with a query, which also made a folder literally named "file:" in the content root.
        var logs = new CapturingLoggerProvider();
        using var second = On($"file:{Database}?cache=shared", logs);

        Refusal(second, logs).Should().Contain($"Another BulkImport instance is using the database {Database} (it holds {Database}.lock)");
        Directory.Exists(Path.Combine(contentRoot, "file:")).Should().BeFalse("the URI's path names the folder, not its text");
        var plainLogs = new CapturingLoggerProvider();
        using var third = On(Database, plainLogs);
        Refusal(third, plainLogs).Should().Contain($"the database {Database} (it holds {Database}.lock)", "the plain path meets the URI's lock");
    }
}
