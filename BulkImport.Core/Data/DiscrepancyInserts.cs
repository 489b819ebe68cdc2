using BulkImport.Core.Data.Configurations;
using BulkImport.Core.Imports.Discrepancies;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// Inserts the discrepancies the check found, a batch per transaction, through the engine's append (prepared inserts
/// on SQLite, binary COPY on PostgreSQL), with each row's candidates as UTF-8 JSON. Saving them through the change
/// tracker serialized each one's candidates three times (value, snapshot, comparison) to add a row nobody had changed;
/// a command with named parameters then bound each by name and made the candidates a string first: a file uploaded
/// twice has a discrepancy on every row, and its million inserts were a third of the check's time.
/// </summary>
public static class DiscrepancyInserts
{
    private static readonly string[] Columns = ["ImportId", "RowNumber", "Reason", "Rules", "Candidates"];

    public static async Task InsertAsync(BulkImportDbContext db, IReadOnlyList<Discrepancy> discrepancies, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            using (var insert = DatabaseEngine.Of(connection).PrepareAppend(connection, "ImportDiscrepancies", Columns, idColumn: null))
            {
                foreach (var discrepancy in discrepancies)
                {
                    insert.Bind(1, discrepancy.ImportId);
                    insert.Bind(2, discrepancy.RowNumber);
                    insert.Bind(3, discrepancy.Reason);
                    insert.Bind(4, DiscrepancyConfiguration.RulesText(discrepancy.Rules));
                    insert.BindUtf8(5, DiscrepancyConfiguration.CandidatesUtf8(discrepancy.Candidates));
                    insert.Execute();
                }

                insert.Flush();
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
