using System.Net;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Imports.Undo;

/// <summary>
/// The crash test of issue 22, modelled on the commit's (CrashRecoveryTests): the real app as a child process, killed
/// with SIGKILL in the middle of an undo, started again and undone again; every row is undone exactly once, the rows
/// undone before the kill stay undone, and the undo results file equals the database.
/// </summary>
public sealed class UndoCrashTests
{
    private const int Rows = 30_000;
    private const int HeldAt = 1_000;

    [Fact]
    public async Task A_process_killed_mid_undo_is_marked_interrupted_and_undoing_again_undoes_every_row_exactly_once()
    {
        // The undo waits after HeldAt rows until the process is killed: on a fast machine a 30,000-row undo once ended
        // between two looks at it, and on a busy one a look can come late.
        await using var app = new AppProcess(new() { ["Import:CommitBatchSize"] = "25", ["Undo:HoldAfterRows"] = HeldAt.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await app.StartAsync();
        var importer = await app.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(Rows, "UndoCrash"), operation: "Add");
        import.ValidRows.Should().Be(Rows);
        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await importer.WaitForAsync(import.Id, s => s.Status.IsFinal(), timeoutSeconds: 300)).Inserted.Should().Be(Rows);
        CountClients(app).Should().Be(Rows);

        (await importer.Http.PostAsync($"/api/imports/{import.Id}/undo", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var running = await importer.WaitForAsync(import.Id, s => s.UndoneRows >= HeldAt || s.Status != ImportStatus.Undoing);
        running.Status.Should().Be(ImportStatus.Undoing, "the undo holds after its first rows");
        await app.KillAsync();

        app.Set("Undo:HoldAfterRows", null);
        await app.StartAsync();
        var support = await app.ApiAsync(Roles.Support);
        var interrupted = await support.GetAsync(import.Id);
        interrupted.Status.Should().Be(ImportStatus.UndoFailed);
        interrupted.FailureReason.Should().Contain("interrupted");
        interrupted.UndoneRows.Should().BeGreaterThan(0).And.BeLessThan(Rows);
        CountClients(app).Should().Be(Rows - interrupted.UndoneRows, "clients undone before the kill stay undone and are counted so");
        CountUndoResults(app, import.Id).Should().Be(interrupted.UndoneRows, "each undone batch wrote its results in its own transaction");

        (await support.Http.PostAsync($"/api/imports/{import.Id}/undo", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var done = await support.WaitForAsync(import.Id, s => s.Status is ImportStatus.Undone or ImportStatus.UndoFailed, timeoutSeconds: 300);
        done.Status.Should().Be(ImportStatus.Undone, done.FailureReason);
        done.UndoneRows.Should().Be(Rows);
        done.KeptRows.Should().Be(0);
        CountClients(app).Should().Be(0);
        CountUndoResults(app, import.Id).Should().Be(Rows);

        var response = await support.Http.GetAsync($"/api/imports/{import.Id}/undo-results.csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var results = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        results.Should().HaveCount(Rows);
        results.Should().OnlyContain(line => line.Contains(",Undone,"));
        results.Select(line => line[..line.IndexOf(',')]).Should().OnlyHaveUniqueItems("no row is undone twice");
    }

    private static long CountClients(AppProcess app) => Scalar(app, "SELECT COUNT(*) FROM Clients WHERE FirstName = 'UndoCrash'");

    private static long CountUndoResults(AppProcess app, int importId) =>
        Scalar(app, $"SELECT COUNT(*) FROM ImportUndoResults WHERE ImportId = {importId} AND Status = {(int)UndoStatus.Undone}");

    private static long Scalar(AppProcess app, string sql)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
