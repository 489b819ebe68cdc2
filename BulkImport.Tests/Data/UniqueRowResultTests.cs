using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BulkImport.Tests.Data;

/// <summary>A row of an import has at most one commit result (issue 15): the database refuses a second.</summary>
public sealed class UniqueRowResultTests
{
    private static Import Committed() => new()
    {
        Domain = BulkImport.Core.Domains.Clients.ClientDomain.Key, Status = ImportStatus.Committed, FileName = "f.csv", StoredFileName = "s.csv", CreatedBy = "importer@bulkimport.local",
        TotalRows = 2, ValidRows = 2, InsertRows = 2,
    };

    [Fact]
    public async Task A_second_result_for_a_row_is_refused_whatever_its_status()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        var import = Committed();
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        db.RowResults.Add(new RowResult { ImportId = import.Id, RowNumber = 2, Status = RowStatus.Success, RecordId = 41 });
        await db.SaveChangesAsync();

        db.RowResults.Add(new RowResult { ImportId = import.Id, RowNumber = 2, Status = RowStatus.Failed, Error = "again" });
        var save = () => db.SaveChangesAsync();

        (await save.Should().ThrowAsync<DbUpdateException>()).WithInnerException<SqliteException>()
            .Which.Message.Should().Contain("UNIQUE constraint failed: ImportRowResults.ImportId, ImportRowResults.RowNumber");
    }

    [Fact]
    public async Task The_migration_keeps_the_success_of_a_row_that_had_two_results_and_corrects_the_counts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        var migrator = db.GetService<IMigrator>();
        // The import is written with the current model (every column exists), then the schema goes back to just before
        // the migration under test, where a row could have two results.
        var import = Committed();
        (import.ProcessedRows, import.Inserted, import.Failed) = (3, 2, 1);
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        var all = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(all[all.FindIndex(m => m.EndsWith("_UniqueRowResult", StringComparison.Ordinal)) - 1]);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ImportRowResults" ("ImportId", "Status", "RowNumber", "RecordId", "Error")
            VALUES ({import.Id}, 3, 2, 41, NULL), ({import.Id}, 4, 2, NULL, 'written twice'), ({import.Id}, 3, 3, 42, NULL)
            """);

        await migrator.MigrateAsync();

        var results = await db.RowResults.AsNoTracking().Where(r => r.ImportId == import.Id).OrderBy(r => r.RowNumber).ToListAsync();
        results.Select(r => (r.RowNumber, r.Status)).Should().Equal((2, RowStatus.Success), (3, RowStatus.Success));
        var fixedImport = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == import.Id);
        (fixedImport.ProcessedRows, fixedImport.Inserted, fixedImport.Failed).Should().Be((2, 2, 0));
    }
}
