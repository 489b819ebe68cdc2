using System.Data.Common;
using BulkImport.Core.Data.Configurations;
using BulkImport.Core.Imports.Discrepancies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BulkImport.Core.Data;

/// <summary>
/// Inserts the discrepancies the check found, a batch per transaction, with one prepared command: saving them through
/// the change tracker serialized each one's candidates three times (value, snapshot, comparison) to add a row nobody
/// had changed. Plain SQL with quoted names and parameters, the same on SQLite and PostgreSQL.
/// </summary>
public static class DiscrepancyInserts
{
    private const string Sql =
        "INSERT INTO \"ImportDiscrepancies\" (\"ImportId\", \"RowNumber\", \"Reason\", \"Rules\", \"Candidates\") VALUES (@importId, @rowNumber, @reason, @rules, @candidates)";

    public static async Task InsertAsync(BulkImportDbContext db, IReadOnlyList<Discrepancy> discrepancies, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = Sql;
            var importId = Parameter(command, "@importId");
            var rowNumber = Parameter(command, "@rowNumber");
            var reason = Parameter(command, "@reason");
            var rules = Parameter(command, "@rules");
            var candidates = Parameter(command, "@candidates");
            foreach (var discrepancy in discrepancies)
            {
                importId.Value = discrepancy.ImportId;
                rowNumber.Value = discrepancy.RowNumber;
                reason.Value = discrepancy.Reason;
                rules.Value = DiscrepancyConfiguration.RulesText(discrepancy.Rules);
                candidates.Value = DiscrepancyConfiguration.CandidatesText(discrepancy.Candidates);
                await command.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
