using System.Data.Common;
using System.Diagnostics;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.Clients;
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
        var connectionString = $"Data Source={Path.Combine(folder, "floor.db")}";
        var options = new DbContextOptionsBuilder<BulkImportDbContext>().UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()).Options;
        await using var db = new BulkImportDbContext(options);
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
}
