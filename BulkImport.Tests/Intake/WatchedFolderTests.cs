using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Intake;
using BulkImport.Core.Jobs;
using BulkImport.Core.Security;
using BulkImport.Tests.Jobs;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Intake;

/// <summary>Watched folders (SPEC section 19) on real folders, with the app in the test process.</summary>
public sealed class WatchedFolderTests
{
    private const string Good = "First Name,Last Name\nWanda,Watch\nFolder,Drop\n";

    [Fact]
    public async Task A_complete_file_is_imported_as_the_owner_committed_and_moved_to_processed_with_its_results_beside_it()
    {
        using var folder = new WatchedFolder();
        using var app = new TestApp(folder.Settings(autoCommit: true));
        _ = app.Services;
        folder.Drop("clients.csv", Good);

        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "clients.csv"));
        File.Exists(Path.Combine(folder.Processed, "clients.csv.results.csv")).Should().BeTrue();
        Directory.GetFiles(folder.Incoming).Should().BeEmpty();
        Directory.GetFiles(folder.Processing).Should().BeEmpty();
        var import = (await WatchedFolder.ImportsAsync(app)).Single();
        (import.Status, import.FileName, import.CreatedBy, import.Inserted).Should().Be((ImportStatus.Committed, "clients.csv", WatchedFolder.Owner, 2));
        var results = await File.ReadAllLinesAsync(Path.Combine(folder.Processed, "clients.csv.results.csv"));
        results.Skip(1).Should().HaveCount(2).And.OnlyContain(l => l.Contains(",Success,Insert,"));
        var record = await WatchedFolder.WaitForAsync(async () => (await WatchedFolder.RecordsAsync(app)).SingleOrDefault(r => r.State == IntakeState.Processed), "the file's record");
        (record.State, record.ImportId, record.FileName).Should().Be((IntakeState.Processed, import.Id, "clients.csv"));
        record.Sha256.Should().HaveLength(64);
    }

    [Fact]
    public async Task Without_autoCommit_the_import_waits_for_a_person_and_the_file_waits_in_processing()
    {
        using var folder = new WatchedFolder();
        using var app = new TestApp(folder.Settings(autoCommit: false));
        _ = app.Services;
        folder.Drop("review.csv", Good);

        var import = await WatchedFolder.WaitForAsync(async () => (await WatchedFolder.ImportsAsync(app)).SingleOrDefault(i => i.Status == ImportStatus.ReadyForReview), "the import to be ready for review");
        await WatchedFolder.WaitForScansAsync(app, 3);
        File.Exists(Path.Combine(folder.Processing, "review.csv")).Should().BeTrue("nothing is committed until a person confirms");

        var api = await app.ApiAsync();
        await api.CommitAndWaitAsync(import.Id);
        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "review.csv"));
        File.Exists(Path.Combine(folder.Processed, "review.csv.results.csv")).Should().BeTrue();
    }

    /// <summary>
    /// An automatic commit the usage limit refuses leaves the import waiting for a person, and its page says why (an
    /// outside audit found the reason only in the server's log).
    /// </summary>
    [Fact]
    public async Task An_automatic_commit_refused_by_the_usage_limit_waits_for_a_person_and_the_import_says_why()
    {
        using var folder = new WatchedFolder();
        var settings = folder.Settings(autoCommit: true);
        settings["Usage:RowsPerDay"] = "1";
        using var app = new TestApp(settings);
        _ = app.Services;
        folder.Drop("over.csv", Good);

        var import = await WatchedFolder.WaitForAsync(async () => (await WatchedFolder.ImportsAsync(app))
            .SingleOrDefault(i => i.FileWarnings.Exists(w => w.StartsWith("Not committed automatically: ", StringComparison.Ordinal))), "the refused commit's warning");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.FileWarnings.Should().ContainSingle(w => w.StartsWith("Not committed automatically: ", StringComparison.Ordinal))
            .Which.Should().Contain("daily").And.EndWith("Confirm it on this page when it can be.");
        var api = await app.ApiAsync();
        (await api.GetAsync(import.Id)).FileWarnings.Should().Contain(w => w.StartsWith("Not committed automatically: ", StringComparison.Ordinal), "the API's summary says it too");
        File.Exists(Path.Combine(folder.Processing, "over.csv")).Should().BeTrue("the file waits with its import");
    }

    [Fact]
    public async Task A_folder_s_imports_being_read_do_not_count_against_its_owner_s_own_uploads()
    {
        // SPEC 19: a folder's imports wait for a free slot rather than counting against Import:MaxPendingPerUser.
        using var folder = new WatchedFolder();
        var settings = folder.Settings(autoCommit: false);
        settings["Import:MaxPendingPerUser"] = "1";
        settings["Import:StagingBatchSize"] = "100";
        using var app = new TestApp(settings);
        var hold = new BatchHold(app.Services.GetRequiredService<WriteTurns>());
        try
        {
            folder.Drop("partner.csv", CsvFiles.NewClients(1000, "Folder"));
            var held = await WatchedFolder.WaitForAsync(async () => (await WatchedFolder.ImportsAsync(app)).SingleOrDefault(i => hold.IsHeld(i.Id)), "the folder's import, held while it is read");
            held.Status.Should().Be(ImportStatus.Validating);

            var owner = await app.ApiAsync();
            var own = await owner.PostImportAsync(Encoding.UTF8.GetBytes(Good), "Client", "Add");
            own.StatusCode.Should().Be(HttpStatusCode.Created, await own.Content.ReadAsStringAsync());
            var ownId = (await own.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!.Id;
            await WatchedFolder.WaitForAsync(() => Task.FromResult<object?>(hold.IsHeld(ownId) ? ownId : null), "the owner's upload, held while it is read");
            var second = await owner.PostImportAsync(Encoding.UTF8.GetBytes(Good), "Client", "Add");
            second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the owner's own uploads still count against the limit");
        }
        finally
        {
            hold.FreeAll();
        }
    }

    [Fact]
    public async Task A_file_still_being_written_is_taken_only_once_its_size_stopped_changing()
    {
        using var folder = new WatchedFolder();
        // The product's default: the test waits on scans, not on this time.
        using var app = new TestApp(folder.Settings(stableFor: "00:00:02"));
        _ = app.Services;
        var path = Path.Combine(folder.Incoming, "slow.csv");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteAsync("First Name,Last Name\n");
            for (var row = 1; row <= 10; row++)
            {
                await writer.WriteAsync($"Slow,Row{row}\n");
                await writer.FlushAsync();
                await WatchedFolder.WaitForScansAsync(app, 1);
                File.Exists(path).Should().BeTrue($"the file grew before the last look (row {row}), so it is not complete");
                (await WatchedFolder.ImportsAsync(app)).Should().BeEmpty();
            }
        }

        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "slow.csv.results.csv"));
        (await WatchedFolder.ImportsAsync(app)).Single().TotalRows.Should().Be(10, "the whole file was imported, not the part written when it was first seen");
    }

    [Fact]
    public async Task A_file_renamed_from_part_is_taken_at_once_and_the_part_file_never()
    {
        using var folder = new WatchedFolder();
        // An hour: only the rename can make this file complete within the test.
        using var app = new TestApp(folder.Settings(stableFor: "01:00:00"));
        _ = app.Services;
        var part = Path.Combine(folder.Incoming, "upload.csv.part");
        await File.WriteAllTextAsync(part, Good);
        await WatchedFolder.WaitForScansAsync(app, 3);
        File.Exists(part).Should().BeTrue();
        (await WatchedFolder.ImportsAsync(app)).Should().BeEmpty();

        File.Move(part, Path.Combine(folder.Incoming, "upload.csv"));

        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "upload.csv.results.csv"));
        (await WatchedFolder.ImportsAsync(app)).Should().ContainSingle().Which.FileName.Should().Be("upload.csv");
    }

    [Fact]
    public async Task A_file_whose_commit_failed_follows_its_replay_from_error_to_processed_with_its_results()
    {
        using var folder = new WatchedFolder();
        var settings = folder.Settings();
        settings["Commit:FailAfterRows"] = "1";
        settings["Import:CommitBatchSize"] = "1";
        using var app = new TestApp(settings);
        _ = app.Services;
        folder.Drop("flaky.csv", Good);
        await folder.WaitForFileAsync(Path.Combine(folder.Error, "flaky.csv.errors.txt"));
        var import = (await WatchedFolder.ImportsAsync(app)).Single();
        import.Status.Should().Be(ImportStatus.CommitFailed);

        // Each commit stops after one row (Commit:FailAfterRows): replayed until every row is in.
        var support = await app.ApiAsync(Roles.Support);
        var run = await support.GetAsync(import.Id);
        while (run.Status == ImportStatus.CommitFailed)
        {
            (await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            run = await support.WaitForAsync(import.Id, s => s.Status.IsFinal());
        }

        run.Status.Should().Be(ImportStatus.Committed);
        // The record is saved after the results are written, the file moved and its old reasons deleted: waited for
        // first (the results file alone appears before the move, which a loaded machine showed).
        var record = await WatchedFolder.WaitForAsync(async () => (await WatchedFolder.RecordsAsync(app)).SingleOrDefault(r => r.State == IntakeState.Processed), "the file's record");
        record.ImportId.Should().Be(import.Id);
        File.Exists(Path.Combine(folder.Processed, "flaky.csv.results.csv")).Should().BeTrue();
        File.Exists(Path.Combine(folder.Processed, "flaky.csv")).Should().BeTrue();
        Directory.GetFiles(folder.Error).Should().BeEmpty("the file and its reasons of the failure the replay overcame are gone from error/");
    }

    /// <summary>A killed commit of 76,000 rows listed "The commit stopped before this row" a thousand times (outside audit).</summary>
    [Fact]
    public async Task The_rows_a_stopped_commit_never_reached_are_one_line_in_errors_txt_and_rows_with_their_own_reasons_keep_theirs()
    {
        using var folder = new WatchedFolder();
        var settings = folder.Settings();
        settings["Commit:FailAfterRows"] = "1";
        settings["Import:CommitBatchSize"] = "1";
        using var app = new TestApp(settings);
        _ = app.Services;
        folder.Drop("stopped.csv", "First Name,Last Name\nAnn,One\nBo,Two\nCy,\nDi,Four\nEd,Five\n");

        var errors = await folder.WaitForFileAsync(Path.Combine(folder.Error, "stopped.csv.errors.txt"));
        var lines = (await File.ReadAllLinesAsync(errors)).Where(l => l.StartsWith("- Row", StringComparison.Ordinal)).ToList();
        lines.Should().Equal(
            "- Rows 3 to 6: the commit stopped before these 3 valid rows. Replay the import to continue.",
            "- Row 4: Last Name: Last Name is required to add a new client.");
        (await File.ReadAllTextAsync(errors)).Should().Contain("Rows skipped:").And.NotContain("The commit stopped before this row");
    }

    [Fact]
    public async Task The_same_file_dropped_twice_is_imported_once_and_the_repeat_lands_in_error_saying_why()
    {
        using var folder = new WatchedFolder();
        using var app = new TestApp(folder.Settings());
        _ = app.Services;
        folder.Drop("twice.csv", Good);
        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "twice.csv.results.csv"));

        folder.Drop("twice.csv", Good);

        await folder.WaitForFileAsync(Path.Combine(folder.Error, "twice.csv"));
        var errors = Path.Combine(folder.Error, "twice.csv.errors.txt");
        var first = (await WatchedFolder.ImportsAsync(app)).Should().ContainSingle().Subject;
        (await File.ReadAllTextAsync(errors)).Should().Contain($"already imported from this folder as import #{first.Id}");
        var records = await WatchedFolder.WaitForAsync(async () => await WatchedFolder.RecordsAsync(app) is { Count: 2 } both ? both : null, "both records");
        records.Select(r => r.State).Should().Equal(IntakeState.Processed, IntakeState.Error);
    }

    /// <summary>An integration sends a file again under a new name (a time stamp): its rows are not applied twice.</summary>
    [Fact]
    public async Task The_same_content_under_another_name_lands_in_error_naming_the_first_file()
    {
        using var folder = new WatchedFolder();
        using var app = new TestApp(folder.Settings());
        _ = app.Services;
        folder.Drop("clients-0900.csv", Good);
        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "clients-0900.csv.results.csv"));

        folder.Drop("clients-1000.csv", Good);

        await folder.WaitForFileAsync(Path.Combine(folder.Error, "clients-1000.csv"));
        var first = (await WatchedFolder.ImportsAsync(app)).Should().ContainSingle("the second file was not imported").Subject;
        (await File.ReadAllTextAsync(Path.Combine(folder.Error, "clients-1000.csv.errors.txt"))).Should()
            .Contain($"This file (the same content as 'clients-0900.csv') was already imported from this folder as import #{first.Id}");
    }

    [Fact]
    public async Task A_bad_file_lands_in_error_with_its_reasons_beside_it()
    {
        using var folder = new WatchedFolder();
        using var app = new TestApp(folder.Settings());
        _ = app.Services;
        folder.Drop("bad.csv", "Email\nx@example.org\n");

        await folder.WaitForFileAsync(Path.Combine(folder.Error, "bad.csv"));
        var errors = Path.Combine(folder.Error, "bad.csv.errors.txt");
        var text = await File.ReadAllTextAsync(errors);
        text.Should().Contain("Status: ValidationFailed").And.Contain("Required column 'First Name' is missing").And.Contain("/report");
        (await WatchedFolder.ImportsAsync(app)).Single().Status.Should().Be(ImportStatus.ValidationFailed);
    }

    [Fact]
    public async Task A_file_name_with_path_or_control_characters_is_imported_under_a_safe_name_inside_the_folder()
    {
        using var folder = new WatchedFolder();
        using var app = new TestApp(folder.Settings());
        _ = app.Services;
        // On Linux a backslash, a tab or a bell is an ordinary character of a file name (one starting with "." is hidden, and left alone).
        folder.Drop("sub\\..\\evil\tname\u0007.csv", Good);

        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "evilname.csv"));
        File.Exists(Path.Combine(folder.Processed, "evilname.csv.results.csv")).Should().BeTrue("the results are written before the file moves");
        (await WatchedFolder.ImportsAsync(app)).Single().FileName.Should().Be("evilname.csv");
        Directory.GetFileSystemEntries(Path.GetDirectoryName(folder.Root)!).Should().ContainSingle("nothing is written outside the watched folder");
    }

    [Fact]
    public async Task A_file_that_vanishes_before_it_is_taken_is_let_go_and_the_folder_goes_on()
    {
        using var folder = new WatchedFolder();
        using var app = new TestApp(folder.Settings(stableFor: "00:00:02"));
        _ = app.Services;
        var vanishing = folder.Drop("vanishing.csv", Good);
        await WatchedFolder.WaitForScansAsync(app, 2);
        File.Delete(vanishing);

        folder.Drop("after.csv", "First Name,Last Name\nAfter,Vanish\n");

        await folder.WaitForFileAsync(Path.Combine(folder.Processed, "after.csv.results.csv"));
        (await WatchedFolder.ImportsAsync(app)).Should().ContainSingle().Which.FileName.Should().Be("after.csv");
        app.Services.GetRequiredService<IntakeHealth>().Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_or_cannot_be_written_is_logged_and_reported_on_health_ready_while_the_app_serves()
    {
        using var folder = new WatchedFolder();
        var missing = Path.Combine(folder.Root, "no-such-folder");
        var aFile = Path.Combine(folder.Root, "a-file");
        await File.WriteAllTextAsync(aFile, "");
        // Root writes anywhere it has a normal file system; sysfs refuses new entries even to root.
        var readOnly = OperatingSystem.IsWindows() || Environment.UserName == "root" ? "/sys" : ReadOnlyFolder(folder);
        var logs = new CapturingLoggerProvider();
        using var app = new TestApp(new()
        {
            ["Intake:Folders:0:Path"] = missing, ["Intake:Folders:0:Owner"] = WatchedFolder.Owner,
            ["Intake:Folders:1:Path"] = aFile, ["Intake:Folders:1:Owner"] = WatchedFolder.Owner,
            ["Intake:Folders:2:Path"] = readOnly, ["Intake:Folders:2:Owner"] = WatchedFolder.Owner,
            ["Intake:ScanInterval"] = "00:00:00.050",
        }, services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        _ = app.Services;
        await WatchedFolder.WaitForScansAsync(app, 1);
        using var http = app.CreateClient();

        var ready = await http.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("Degraded");
        var problems = body.GetProperty("intakeProblems").EnumerateArray().Select(p => p.GetProperty("problem").GetString()!).ToList();
        problems.Should().HaveCount(3);
        problems.Should().Contain(p => p.Contains($"{missing} does not exist"));
        problems.Should().Contain(p => p.Contains($"{aFile} is a file, not a folder"));
        problems.Should().Contain(p => p.Contains($"{readOnly} is not writable"));
        (await http.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        logs.Entries.Should().Contain(e => e.Contains($"{missing} does not exist")).And.Contain(e => e.Contains($"{readOnly} is not writable"));
        logs.Entries.Count(e => e.Contains($"{missing} does not exist")).Should().Be(1, "a problem is logged when it appears, not at every look");
    }

    [Fact]
    public async Task Health_ready_is_healthy_with_folders_that_work()
    {
        using var folder = new WatchedFolder();
        using var app = new TestApp(folder.Settings());
        _ = app.Services;
        await WatchedFolder.WaitForScansAsync(app, 1);
        using var http = app.CreateClient();

        var body = await http.GetFromJsonAsync<JsonElement>("/health/ready");

        body.GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("intakeFolders").GetInt32().Should().Be(1);
        Directory.Exists(folder.Incoming).Should().BeTrue("the four folders are created inside a watched folder that exists");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string ReadOnlyFolder(WatchedFolder folder)
    {
        var path = Path.Combine(folder.Root, "read-only");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return path;
    }
}
