using Npgsql;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// Refreshes a table's planner statistics after a bulk load (staging a file, committing one). Without them the planner
/// takes a just-loaded import for a handful of rows and reads every following page of it (the commit's staged rows, the
/// results file) as "all rows after N, sorted, keep the first 2,000" instead of walking the primary key: each page then
/// costs the whole rest of the import, and a large import grows with the square of its rows (100,000 rows: 2.2 s of the
/// commit's reads and 3.3 s of the results file). Autovacuum analyzes too, but later, by its own thresholds.
/// </summary>
internal static class PostgreSqlStatistics
{
    /// <summary>
    /// Below this many rows written a page read is cheap whatever the plan, and ANALYZE (a sample of up to 30,000 rows of
    /// the whole table, a few hundred milliseconds) would cost a small import more than it saves.
    /// </summary>
    public const int RowsWorthAnalyzing = 10_000;

    /// <summary>
    /// The tables read back by pages of an import, with the columns those reads select and order on: only these are
    /// analyzed (a new client's table is read by key, and sampling the wide JSON and text columns doubled the time).
    /// </summary>
    private static readonly Dictionary<string, string> ReadByPages = new(StringComparer.Ordinal)
    {
        ["ImportRows"] = "\"ImportId\", \"RowNumber\", \"Status\"",
        ["ImportRowResults"] = "\"ImportId\", \"Status\", \"RowNumber\"",
    };

    /// <summary>
    /// ANALYZE <paramref name="table"/> on the connection, when it is one read back by pages. A failure is left unsaid: statistics only speed later reads, and
    /// this runs when a hot path ends (after its last batch committed, or while it unwinds from a failure of its own,
    /// such as the server going away), where an error of its own would hide the outcome that matters.
    /// </summary>
    public static void Refresh(NpgsqlConnection connection, string table)
    {
        if (!ReadByPages.TryGetValue(table, out var columns) || connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            // The table name is one of the model's, never input.
            using var analyze = new NpgsqlCommand($"ANALYZE \"{table}\" ({columns})", connection);
            analyze.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
        }
        catch (InvalidOperationException)
        {
            // The connection is busy or broken (an exception is unwinding the run): nothing to refresh now.
        }
    }
}
