using System.Diagnostics;
using BulkImport.Core.Data;
using BulkImport.Core.Data.PostgreSql;
using BulkImport.Core.Domains.Clients;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BulkImport.Benchmarks;

/// <summary>
/// PostgreSQL's floor (issue 23): read the same file with CsvHelper and binary-COPY every row into the Clients table of
/// a fresh database with the product's schema (its indexes included), in one transaction. No validation, no staging,
/// no results: what the server allows, against which the whole import on PostgreSQL is compared.
/// </summary>
public static class PostgreSqlFloor
{
    public static async Task<(TimeSpan Elapsed, int Rows)> MeasureAsync(string csvPath, string connectionString, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<BulkImportDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.PostgreSql, connectionString);
        await using (var db = new PostgreSqlDbContext(options.Options))
        {
            await db.Database.MigrateAsync(ct);
        }

        var stored = ClientColumns.Stored;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var stopwatch = Stopwatch.StartNew();
        var rows = 0;
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using (var copy = await connection.BeginBinaryImportAsync(
                $"COPY \"Clients\" ({string.Join(", ", stored.Select(s => $"\"{s.Property}\""))}) FROM STDIN (FORMAT BINARY)", ct))
            {
                using var csv = CsvReader.FromFile(csvPath);
                while (csv.Read())
                {
                    await copy.StartRowAsync(ct);
                    for (var i = 0; i < stored.Count; i++)
                    {
                        // As in SQLite's floor: a blank first or last name (an error row) is stored as "", the floor does not judge.
                        var value = csv.GetString(i + 1);
                        if (value.Length == 0 && i > 1)
                        {
                            await copy.WriteNullAsync(ct);
                        }
                        else
                        {
                            await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
                        }
                    }

                    rows++;
                }

                await copy.CompleteAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        stopwatch.Stop();
        return (stopwatch.Elapsed, rows);
    }
}
