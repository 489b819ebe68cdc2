using System.Data.Common;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Domains.Clients;

/// <summary>
/// The Client committer's before-images (SPEC 21) against a real database, read a batch ahead on a second connection as
/// the commit reads them: kept as one row per batch when the client is as it was read, and taken again in the commit's
/// transaction when it changed in between, so the undo always finds the client as the update found it.
/// </summary>
public class ClientCommitterBeforeImageTests : IAsyncLifetime
{
    private readonly TestEngine _engine;

    public ClientCommitterBeforeImageTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (<c>PostgreSql/PostgreSqlVariants</c>): the guard and the read-ahead are SQL of each engine.</summary>
    protected ClientCommitterBeforeImageTests(TestEngine engine) => _engine = engine;

    private static readonly int FirstName = ClientColumns.Stored.ToList().FindIndex(s => s.Column == ClientColumns.FirstName);
    private static readonly int Email = ClientColumns.Stored.ToList().FindIndex(s => s.Column == ClientColumns.Email);

    private TestDatabase _database = null!;
    private int _importId;
    private int _otherImportId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_engine);
        await using var db = _database.CreateDbContext();
        var import = NewImport("clients-update.csv");
        var other = NewImport("other.csv");
        db.Imports.AddRange(import, other);
        await db.SaveChangesAsync();
        (_importId, _otherImportId) = (import.Id, other.Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Import NewImport(string name) =>
        new() { FileName = name, StoredFileName = name, CreatedBy = "someone", Status = ImportStatus.Committing, Domain = ClientDomain.Key, Operation = Operation.Update };

    /// <summary>An Update row of client <paramref name="clientId"/> that changes only the cells given (the others blank).</summary>
    private static CommitRow Update(int rowNumber, int clientId, string? firstName = null, string? email = null)
    {
        var values = new string?[ClientColumns.All.Count];
        values[0] = clientId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values[1 + FirstName] = firstName;
        values[1 + Email] = email;
        return new CommitRow(rowNumber, RowAction.Update, values);
    }

    /// <summary>Reads the batch's images on a connection of its own, runs <paramref name="between"/>, then commits the batch and records its rows' results.</summary>
    private async Task<IReadOnlyList<RowOutcome>> CommitAsync(IReadOnlyList<CommitRow> rows, Func<DbConnection, Task>? between = null)
    {
        await using var readDb = _database.CreateDbContext();
        await readDb.Database.OpenConnectionAsync();
        await using var db = _database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        using var committer = new ClientDomain().CreateCommitter(new CommitSettings(Operation.Update, false, new DateOnly(2026, 12, 6), _importId));
        BatchBeforeImages? images;
        using (var reader = committer.CreateBeforeImageReader(readDb.Database.GetDbConnection()))
        {
            images = reader!.Read(rows);
        }

        if (between is not null)
        {
            await between(connection);
        }

        await using var transaction = await connection.BeginTransactionAsync();
        var outcomes = await committer.CommitBatchAsync(connection, transaction, new CommitBatch(rows, images), CancellationToken.None);
        await transaction.CommitAsync();
        db.RowResults.AddRange(outcomes.Select(o => new RowResult { ImportId = _importId, RowNumber = o.RowNumber, Status = RowStatus.Success, RecordId = o.RecordId }));
        await db.SaveChangesAsync();
        return outcomes;
    }

    private async Task<List<UndoRow>> UndoRowsAsync()
    {
        await using var db = _database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        return new UndoRowReader(db.Database.GetDbConnection(), _importId).NextBatch(0, 100);
    }

    [Fact]
    public async Task Images_read_ahead_are_kept_as_one_row_for_the_batch_and_the_undo_reads_each_client_as_it_was()
    {
        var outcomes = await CommitAsync([Update(2, 5, firstName: "Zed"), Update(3, 6, email: "diego@new.example.org")]);

        outcomes.Should().OnlyContain(o => o.Success && o.Action == RowAction.Update);
        await using var db = _database.CreateDbContext();
        (await db.Set<BeforeImage>().CountAsync(b => b.ImportId == _importId)).Should().Be(0, "both clients were as the read-ahead found them");
        var batch = await db.Set<BeforeImageBatch>().AsNoTracking().SingleAsync(b => b.ImportId == _importId);
        (batch.FirstRow, batch.LastRow, batch.Rows).Should().Be((2, 3, 2));
        (await db.Clients.AsNoTracking().SingleAsync(c => c.ClientId == 5)).FirstName.Should().Be("Zed");

        var rows = await UndoRowsAsync();
        rows.Select(r => r.RowNumber).Should().Equal(2, 3);
        var nadia = rows[0].Image!;
        (nadia.RecordId, nadia.Changed, nadia.PreviousImportId, nadia.PreviousImportRow).Should().Be((5L, 1L << FirstName, (int?)null, (int?)null));
        nadia.OldValue(FirstName).Should().Be("Nadia");
        rows[1].Image!.OldValue(Email).Should().Be("diego.johnson6@example.org");
        rows[1].Image!.OldValues.Where((_, i) => i != Email).Should().OnlyContain(v => !v.HasValue, "only the cell the row changed is kept");
    }

    [Fact]
    public async Task A_client_another_import_changed_after_its_image_was_read_has_its_image_taken_again_in_the_commit()
    {
        var outcomes = await CommitAsync([Update(2, 5, firstName: "Zed"), Update(3, 6, firstName: "Dario")], async connection =>
        {
            await using var change = connection.CreateCommand();
            change.CommandText = $"""UPDATE "Clients" SET "FirstName" = 'Between', "LastImportId" = {_otherImportId}, "LastImportRow" = 7 WHERE "ClientId" = 5""";
            await change.ExecuteNonQueryAsync();
        });

        outcomes.Should().OnlyContain(o => o.Success);
        await using var db = _database.CreateDbContext();
        (await db.Clients.AsNoTracking().SingleAsync(c => c.ClientId == 5)).FirstName.Should().Be("Zed");
        var copied = await db.Set<BeforeImage>().AsNoTracking().SingleAsync(b => b.ImportId == _importId);
        (copied.RowNumber, copied.PreviousImportId, copied.PreviousImportRow).Should().Be((2, _otherImportId, 7));

        var rows = await UndoRowsAsync();
        rows[0].Image!.OldValue(FirstName).Should().Be("Between", "the image taken in the commit wins over the one read before the change");
        (rows[0].Image!.PreviousImportId, rows[0].Image!.PreviousImportRow).Should().Be((_otherImportId, 7));
        rows[1].Image!.OldValue(FirstName).Should().Be("Diego", "client 6 did not change, so its image read ahead is kept");
    }

    [Fact]
    public async Task Two_rows_of_a_batch_that_update_one_client_each_keep_the_client_as_that_row_found_it()
    {
        var outcomes = await CommitAsync([Update(2, 5, firstName: "First"), Update(3, 5, firstName: "Second")]);

        outcomes.Should().OnlyContain(o => o.Success);
        var rows = await UndoRowsAsync();
        rows[0].Image!.OldValue(FirstName).Should().Be("Nadia");
        rows[1].Image!.OldValue(FirstName).Should().Be("First", "the second row found the client as the first row left it");
        (rows[1].Image!.PreviousImportId, rows[1].Image!.PreviousImportRow).Should().Be((_importId, 2));
    }

    [Fact]
    public async Task A_client_removed_after_its_image_was_read_fails_its_row_and_keeps_no_image()
    {
        var outcomes = await CommitAsync([Update(2, 40, firstName: "Gone")], async connection =>
        {
            await using var delete = connection.CreateCommand();
            foreach (var table in new[] { "Payments", "Invoices", "ClientAssignments", "Clients" })
            {
                delete.CommandText = table switch
                {
                    "Payments" => """DELETE FROM "Payments" WHERE "InvoiceId" IN (SELECT i."InvoiceId" FROM "Invoices" i JOIN "ClientAssignments" a ON a."AssignmentId" = i."AssignmentId" WHERE a."ClientId" = 40)""",
                    "Invoices" => """DELETE FROM "Invoices" WHERE "AssignmentId" IN (SELECT "AssignmentId" FROM "ClientAssignments" WHERE "ClientId" = 40)""",
                    _ => $"""DELETE FROM "{table}" WHERE "ClientId" = 40""",
                };
                await delete.ExecuteNonQueryAsync();
            }
        });

        outcomes.Single().Should().Match<RowOutcome>(o => !o.Success && o.Error!.Contains("Client ID 40 no longer exists") && o.Column == "Client ID");
        await using var db = _database.CreateDbContext();
        (await db.Set<BeforeImage>().CountAsync(b => b.ImportId == _importId)).Should().Be(0);
    }
}
