using System.Data.Common;
using System.Diagnostics;
using BulkImport.Core.Data;
using BulkImport.Core.Data.Sqlite;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using CsvHelper;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Benchmarks;

/// <summary>
/// The raw floor of the issue: read the same file with CsvHelper and insert every row into the Clients table with one
/// prepared command in one transaction, on a fresh database with the product's schema (its indexes included) and
/// pragmas. No validation, no staging, no results: what the disk and SQLite allow, against which the whole import is
/// compared.
/// </summary>
public static class RawFloor
{
    public static async Task<(TimeSpan Elapsed, int Rows)> MeasureAsync(string csvPath, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        await using var db = FloorDb(folder);
        await db.Database.MigrateAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();

        var stored = ClientColumns.Stored;
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO Clients ({string.Join(", ", stored.Select(s => s.Property))}) VALUES ({string.Join(", ", stored.Select((_, i) => "@p" + i))})";
        var parameters = new DbParameter[stored.Count];
        for (var i = 0; i < stored.Count; i++)
        {
            parameters[i] = insert.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            insert.Parameters.Add(parameters[i]);
        }

        var stopwatch = Stopwatch.StartNew();
        var rows = 0;
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            insert.Transaction = transaction;
            using var csv = CsvReader.FromFile(csvPath);
            while (csv.Read())
            {
                for (var i = 0; i < stored.Count; i++)
                {
                    var value = csv.GetString(i + 1);
                    // First and last name are NOT NULL; an error row's blank name is stored as "" here, the floor does not judge.
                    parameters[i].Value = value.Length == 0 && i > 1 ? DBNull.Value : value;
                }

                await insert.ExecuteNonQueryAsync(ct);
                rows++;
            }

            await transaction.CommitAsync(ct);
        }

        stopwatch.Stop();
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearPool((SqliteConnection)connection);
        return (stopwatch.Elapsed, rows);
    }

    /// <summary>
    /// The floor of a commit with per-row results, on the database the insert floor left behind: the same rows are
    /// staged in SQL beforehand (untimed), then timed: read the file with CsvHelper, insert each client and append its
    /// row's result, with the app's own prepared statements (<see cref="SqliteStatement"/>) in batches
    /// of the commit's size. What SQLite and the disk need for the commit's writes, without reading staged rows,
    /// decoding them, progress or counters.
    /// </summary>
    public static async Task<TimeSpan> MeasureCommitAsync(string csvPath, string folder, int batchSize, CancellationToken ct)
    {
        await using var db = FloorDb(folder);
        var import = new Import { FileName = "floor.csv", StoredFileName = "floor.csv", CreatedBy = "benchmark", Domain = ClientDomain.Key, Operation = Operation.Add };
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var stored = ClientColumns.Stored;
        await using (var stage = connection.CreateCommand())
        {
            stage.CommandText =
                "INSERT INTO ImportRows (ImportId, RowNumber, Status, Action, \"Values\", Messages, SkippedByOperator) " +
                $"SELECT {import.Id}, ClientId, {(int)RowStatus.Valid}, {(int)RowAction.Insert}, json_array('', {string.Join(", ", stored.Select(c => c.Property))}), '[]', 0 FROM Clients ORDER BY ClientId; " +
                "PRAGMA wal_checkpoint(TRUNCATE);";
            stage.CommandTimeout = 0;
            await stage.ExecuteNonQueryAsync(ct);
        }

        var stopwatch = Stopwatch.StartNew();
        using (SqliteSession.HotWriter(connection))
        using (var insert = new SqliteStatement(connection, $"INSERT INTO Clients ({string.Join(", ", stored.Select(s => s.Property))}) VALUES ({string.Join(", ", stored.Select((_, i) => "?" + (i + 1)))})"))
        using (var result = new SqliteStatement(connection, "INSERT INTO ImportRowResults (ImportId, Status, RowNumber, RecordId) VALUES (?1, ?2, ?3, ?4)"))
        using (var csv = CsvReader.FromFile(csvPath))
        {
            var rowNumber = 0;
            var transaction = connection.BeginTransaction();
            try
            {
                while (csv.Read())
                {
                    for (var i = 0; i < stored.Count; i++)
                    {
                        // As in the insert floor: a blank first or last name (an error row) is stored as "", the floor does not judge.
                        var value = csv.GetString(i + 1);
                        insert.Bind(i + 1, value.Length == 0 && i > 1 ? null : value);
                    }

                    insert.Execute();
                    result.Bind(1, import.Id);
                    result.Bind(2, (int)RowStatus.Success);
                    result.Bind(3, ++rowNumber);
                    result.Bind(4, insert.LastInsertRowId);
                    result.Execute();

                    if (rowNumber % batchSize == 0)
                    {
                        transaction.Commit();
                        transaction.Dispose();
                        transaction = connection.BeginTransaction();
                    }
                }

                transaction.Commit();
            }
            finally
            {
                transaction.Dispose();
            }
        }

        stopwatch.Stop();
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearPool((SqliteConnection)connection);
        return stopwatch.Elapsed;
    }

    /// <summary>The floors' own database, with the product's schema and connection settings.</summary>
    private static BulkImportDbContext FloorDb(string folder) => new(new DbContextOptionsBuilder<BulkImportDbContext>()
        .UseSqlite($"Data Source={Path.Combine(folder, "floor.db")}").AddInterceptors(new SqlitePragmas()).Options);
}
