using System.Runtime.CompilerServices;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>What the results file shows of one staged row: everything but its values.</summary>
public readonly record struct ResultRow(
    int RowNumber, RowStatus Status, RowAction Action, long? RecordId, long? InvoiceId, IReadOnlyList<RowMessage> Messages, bool SkippedByOperator);

/// <summary>
/// Streams the rows of an import for the results file, in row order, with one plain query: a row's values (its largest
/// column) are never read or parsed, and messages only of rows that have some. On a million rows this takes less than
/// half the time of reading whole rows through EF Core, whose converter parses every row's values.
/// </summary>
public static class ResultRowReader
{
    public static async IAsyncEnumerable<ResultRow> ReadAsync(BulkImportDbContext db, int importId, [EnumeratorCancellation] CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText =
            "SELECT RowNumber, Status, Action, RecordId, InvoiceId, Messages, SkippedByOperator FROM ImportRows WHERE ImportId = @importId ORDER BY RowNumber";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@importId";
        parameter.Value = importId;
        command.Parameters.Add(parameter);

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new ResultRow(
                reader.GetInt32(0),
                (RowStatus)reader.GetInt32(1),
                (RowAction)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                RowJson.DeserializeMessages(reader.GetString(5)),
                reader.GetBoolean(6));
        }
    }
}
