using System.Data.Common;
using BulkImport.Core.Data.Configurations;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;

namespace BulkImport.Core.Data;

/// <summary>
/// The Error rows of one problem group, found in the database (the engine's JSON functions on the stored rows) by column
/// and walked in the partial index of rows that are not Valid, so the cost follows the error rows, not the file; the
/// rule and value are then compared in C# as the groups are keyed (<see cref="ProblemGroupKey"/>, ignoring case).
/// The groups themselves are kept in a table (<see cref="ProblemGroupCounts"/>).
/// </summary>
public static class ProblemGroupQuery
{
    // The not-Valid index's own filter, as written, so SQLite may use the index (see NotValidRowIndex).
    private static string ErrorRows(DatabaseEngine engine) => $"""
        FROM "ImportRows" {engine.UseIndex(ImportRowConfiguration.NotValidIndex)}, {engine.Json.Elements("\"ImportRows\".\"Messages\"", "m")}
        WHERE "ImportId" = @importId AND {ImportRowConfiguration.NotValidFilter} AND "Status" = @error
          AND {engine.Json.IsNotTrue("m.value", "IsWarning")}
        """;

    /// <summary>
    /// The row numbers of the Error rows in one group (column, rule, value; <paramref name="columnIndex"/> is the column's
    /// place in the row's values, -1 for a message about the whole row), after <paramref name="afterRow"/>, in row order.
    /// </summary>
    public static async Task<(List<int> Rows, int Total)> RowsAsync(DbConnection connection, int importId, string? column, int columnIndex, string? code,
        string? value, int skip, int take, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var engine = DatabaseEngine.Of(connection);
        var json = engine.Json;
        command.CommandText = $"""
            SELECT "RowNumber", {json.TextOf("m.value", "Code")}, {json.TextOf("m.value", "Message")},
                   CASE WHEN @index < 0 THEN NULL ELSE {json.TextAt("\"Values\"", "@index")} END
            {ErrorRows(engine)}
              AND {json.TextOf("m.value", "Column")} IS NOT DISTINCT FROM @column
            ORDER BY "RowNumber"
            """;
        Add(command, "@importId", importId);
        Add(command, "@error", (int)RowStatus.Error);
        Add(command, "@column", column);
        Add(command, "@index", columnIndex);
        var wantedRule = code ?? "";
        var wantedValue = ProblemGroupKey.Fold(value);
        var rows = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var rowNumber = reader.GetInt32(0);
            var rowCode = Text(reader, 1);
            var rule = rowCode ?? ProblemGroupKey.Fold(Text(reader, 2));
            var sameRule = rowCode is not null ? rowCode == wantedRule : rule == ProblemGroupKey.Fold(wantedRule);
            if (sameRule && (columnIndex < 0 || ProblemGroupKey.Fold(Text(reader, 3)) == wantedValue) && (rows.Count == 0 || rows[^1] != rowNumber))
            {
                rows.Add(rowNumber);
            }
        }

        return ([.. rows.Skip(skip).Take(take)], rows.Count);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal).ToString();

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
