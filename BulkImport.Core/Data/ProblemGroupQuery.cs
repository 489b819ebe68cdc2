using System.Data.Common;
using BulkImport.Core.Data.Configurations;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>One group of row messages as the database aggregates it: column, rule, the cell's value, a message, and how many rows.</summary>
public sealed record ProblemGroupRow(string? Column, string? Code, string? Value, string Message, int Count);

/// <summary>
/// The Error rows' messages grouped by column, rule (the message's code, or its text when it has none) and the value of
/// the cell the message is about, counted in the database (SQLite's JSON functions on the stored rows): the Error rows
/// are walked in the partial index of rows that are not Valid, so the cost follows the error rows, not the file
/// (docs/decisions.md, "Problem groups are counted when asked"). Engine-specific: PostgreSQL gets its own version.
/// </summary>
public static class ProblemGroupQuery
{
    // The not-Valid index's own filter, as written, so SQLite may use the index (see NotValidRowIndex).
    private const string ErrorRows = $"""
        FROM "ImportRows" INDEXED BY "{ImportRowConfiguration.NotValidIndex}", json_each("ImportRows"."Messages") AS m
        WHERE "ImportId" = @importId AND {ImportRowConfiguration.NotValidFilter} AND "Status" = @error
          AND json_extract(m.value, '$.IsWarning') IS NOT 1
        """;

    /// <summary>A page of the groups, most rows first, with the number of groups.</summary>
    public static async Task<(List<ProblemGroupRow> Items, int Total)> PageAsync(DbConnection connection, int importId, IReadOnlyList<string> columns,
        int skip, int take, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT g.col, g.code, g.val, g.msg, g.n, COUNT(*) OVER () FROM (
                SELECT json_extract(m.value, '$.Column') AS col, json_extract(m.value, '$.Code') AS code,
                       json_extract("Values", '$[' || c.key || ']') AS val, MIN(json_extract(m.value, '$.Message')) AS msg,
                       COUNT(DISTINCT "RowNumber") AS n
                {ErrorRows.Replace("AS m", "AS m LEFT JOIN json_each(@columns) AS c ON c.value = json_extract(m.value, '$.Column')")}
                GROUP BY col, coalesce(code, json_extract(m.value, '$.Message')), val) AS g
            ORDER BY g.n DESC, g.col, g.code, g.val
            LIMIT @take OFFSET @skip
            """;
        Add(command, "@importId", importId);
        Add(command, "@error", (int)RowStatus.Error);
        Add(command, "@columns", RowJson.SerializeStrings([.. columns]));
        Add(command, "@take", take);
        Add(command, "@skip", skip);
        var items = new List<ProblemGroupRow>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new ProblemGroupRow(Text(reader, 0), Text(reader, 1), Text(reader, 2), Text(reader, 3) ?? "", reader.GetInt32(4)));
            total = reader.GetInt32(5);
        }

        if (items.Count == 0 && skip > 0)
        {
            // Past the last page: the total still says how many groups there are.
            total = (await PageAsync(connection, importId, columns, 0, 1, ct)).Total;
        }

        return (items, total);
    }

    /// <summary>
    /// The row numbers of the Error rows in one group (column, rule, value; <paramref name="columnIndex"/> is the column's
    /// place in the row's values, -1 for a message about the whole row), after <paramref name="afterRow"/>, in row order.
    /// </summary>
    public static async Task<(List<int> Rows, int Total)> RowsAsync(DbConnection connection, int importId, string? column, int columnIndex, string? code,
        string? value, int skip, int take, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT "RowNumber", COUNT(*) OVER () FROM (
                SELECT DISTINCT "RowNumber" {ErrorRows}
                  AND json_extract(m.value, '$.Column') IS @column
                  AND coalesce(json_extract(m.value, '$.Code'), json_extract(m.value, '$.Message')) IS @code
                  AND (@index < 0 OR json_extract("Values", '$[' || @index || ']') IS @value))
            ORDER BY "RowNumber" LIMIT @take OFFSET @skip
            """;
        Add(command, "@importId", importId);
        Add(command, "@error", (int)RowStatus.Error);
        Add(command, "@column", column);
        Add(command, "@index", columnIndex);
        Add(command, "@code", code);
        Add(command, "@value", value);
        Add(command, "@take", take);
        Add(command, "@skip", skip);
        var rows = new List<int>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetInt32(0));
            total = reader.GetInt32(1);
        }

        return (rows, total);
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
