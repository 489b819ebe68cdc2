using BulkImport.Core.Data;
using BulkImport.Core.Intake;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Intake;

/// <summary>A real watched folder for one test, the settings that point the app at it, and waits on what it does.</summary>
public sealed class WatchedFolder : IDisposable
{
    public WatchedFolder()
    {
        Root = Path.Combine(AppContext.BaseDirectory, "test-data", "intake-" + Guid.NewGuid().ToString("N"), "drop");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Incoming => Path.Combine(Root, FolderIntake.Incoming);
    public string Processing => Path.Combine(Root, FolderIntake.Processing);
    public string Processed => Path.Combine(Root, FolderIntake.Processed);
    public string Error => Path.Combine(Root, FolderIntake.Error);

    public static string Owner => TestApp.DemoUser(Roles.Importer).Email;

    /// <summary>The settings of this folder as folder 0 of <c>Intake:Folders</c>, scanned every 50 ms.</summary>
    public Dictionary<string, string?> Settings(bool autoCommit = true, string stableFor = "00:00:00.300") => new()
    {
        ["Intake:Folders:0:Path"] = Root,
        ["Intake:Folders:0:Domain"] = "Client",
        ["Intake:Folders:0:Operation"] = "AddUpdate",
        ["Intake:Folders:0:Owner"] = Owner,
        ["Intake:Folders:0:AutoCommit"] = autoCommit ? "true" : "false",
        ["Intake:StableFor"] = stableFor,
        ["Intake:ScanInterval"] = "00:00:00.050",
    };

    /// <summary>Drops a complete file into incoming/ the way a careful writer does: written under another name, then renamed.</summary>
    public string Drop(string name, string content)
    {
        // A person or an integration makes incoming/ when it is missing; the app's first look at the folder makes it
        // too, but a drop made just after the app started once came before that look (a full run's one failure).
        Directory.CreateDirectory(Incoming);
        var path = Path.Combine(Incoming, name);
        var temporary = Path.Combine(Path.GetDirectoryName(Root)!, Guid.NewGuid().ToString("N"));
        File.WriteAllText(temporary, content);
        File.Move(temporary, path);
        return path;
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeoutSeconds} s for {what}.");
            }

            await Task.Delay(20);
        }
    }

    public Task<string> WaitForFileAsync(string path, int timeoutSeconds = 60) =>
        WaitForAsync(() => Task.FromResult(File.Exists(path) ? path : null), path, timeoutSeconds);

    /// <summary>Waits until the app has looked at its folders <paramref name="count"/> more times.</summary>
    public static async Task WaitForScansAsync(TestApp app, int count = 2)
    {
        var health = app.Services.GetRequiredService<IntakeHealth>();
        var target = health.Scans + count;
        await WaitForAsync(() => Task.FromResult(health.Scans >= target ? (object?)true : null), $"{count} scans of the watched folders");
    }

    public static async Task<List<IntakeFile>> RecordsAsync(TestApp app)
    {
        await using var db = app.CreateDbContext();
        return await db.Set<IntakeFile>().AsNoTracking().OrderBy(f => f.Id).ToListAsync();
    }

    public static async Task<List<Core.Imports.Import>> ImportsAsync(TestApp app)
    {
        await using var db = app.CreateDbContext();
        return await db.Imports.AsNoTracking().Where(i => i.CreatedBy == Owner).OrderBy(i => i.Id).ToListAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
            // The test output folder is temporary anyway.
        }
    }
}
