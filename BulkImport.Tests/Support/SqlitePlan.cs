using Microsoft.Data.Sqlite;

namespace BulkImport.Tests.Support;

/// <summary>
/// SQLite's plan for a query the app sends, so a test can say how the query is answered (which index, no scan, no sort)
/// without depending on the machine's speed.
/// </summary>
public static class SqlitePlan
{
    /// <summary>The plan's steps for the SQL EF Core shows (<c>ToQueryString</c>; its ".param set" lines become the command's parameters).</summary>
    public static async Task<List<string>> OfAsync(string connectionString, string shown)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var lines = shown.Split('\n');
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var parts = line.Trim().Split(' ');
            command.Parameters.AddWithValue(parts[2], parts[3]);
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
