using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// The next batch of rows a find and replace (or a bulk skip) looks at, untracked, in row order after a row number: the
/// Error rows walked in the partial index of rows that are not Valid, or every Valid and Error row. The stored values'
/// JSON is first filtered with <c>LIKE</c> (ASCII case-insensitive in SQLite) when the text looked for can be found in
/// it as written, so a replace in a million rows parses only the rows that may match; the caller decides each row
/// exactly. The index hint and the case-insensitive match are the engine's (<see cref="DatabaseEngine.UseIndex"/>,
/// <see cref="DatabaseEngine.LikeIgnoringCase"/>).
/// </summary>
public static class FixCandidates
{
    /// <summary>
    /// Up to <paramref name="take"/> rows after <paramref name="afterRow"/>: Error rows only when <paramref name="errorsOnly"/>,
    /// else Valid and Error rows; only rows whose values' JSON is <c>LIKE</c> <paramref name="pattern"/> ('%' for all).
    /// </summary>
    public static Task<List<ImportRow>> NextAsync(BulkImportDbContext db, int importId, int afterRow, bool errorsOnly, string pattern, int take, CancellationToken ct)
    {
        var engine = DatabaseEngine.Of(db);
        // Only the engine's keywords are spliced in; every value stays a parameter.
        var sql = errorsOnly
            ? $$"""
                SELECT * FROM "ImportRows" {{engine.UseIndex(Configurations.ImportRowConfiguration.NotValidIndex)}}
                WHERE "ImportId" = {0} AND "Status" <> 0 AND "RowNumber" > {1} AND "Status" = {{(int)RowStatus.Error}}
                  AND "Values" {{engine.LikeIgnoringCase}} {2} ESCAPE '\'
                ORDER BY "RowNumber" LIMIT {3}
                """
            : $$"""
                SELECT * FROM "ImportRows"
                WHERE "ImportId" = {0} AND "RowNumber" > {1} AND "Status" IN ({{(int)RowStatus.Valid}}, {{(int)RowStatus.Error}})
                  AND "Values" {{engine.LikeIgnoringCase}} {2} ESCAPE '\'
                ORDER BY "RowNumber" LIMIT {3}
                """;
#pragma warning disable EF1002 // the SQL holds no input: the values are the parameters {0}..{3}
        return db.ImportRows.FromSqlRaw(sql, importId, afterRow, pattern, take).AsNoTracking().ToListAsync(ct);
#pragma warning restore EF1002
    }

    /// <summary>The row numbers of the import's Error rows, in order, read from the partial index of rows that are not Valid.</summary>
    public static Task<List<int>> ErrorRowNumbersAsync(BulkImportDbContext db, int importId, CancellationToken ct)
    {
        var engine = DatabaseEngine.Of(db);
        var sql = $$"""
            SELECT "RowNumber" AS "Value" FROM "ImportRows" {{engine.UseIndex(Configurations.ImportRowConfiguration.NotValidIndex)}}
            WHERE "ImportId" = {0} AND "Status" <> 0 AND "Status" = {{(int)RowStatus.Error}}
            ORDER BY "RowNumber"
            """;
#pragma warning disable EF1002 // the SQL holds no input: the import is the parameter {0}
        return db.Database.SqlQueryRaw<int>(sql, importId).ToListAsync(ct);
#pragma warning restore EF1002
    }

    /// <summary>
    /// The <c>LIKE</c> pattern that every row whose cell equals (<paramref name="whole"/>) or contains
    /// <paramref name="find"/>, ignoring case, matches in its values' JSON; '%' (every row) when it is empty.
    /// </summary>
    /// <remarks>
    /// Text that may be stored escaped there (quotes, backslashes, HTML characters, anything not ASCII) is not looked for
    /// as written: the runs of ASCII letters and digits between are, in order, for the JSON holds those as they are
    /// ('Müller' looks for '%M%ller%'). Only a find with none of them reads every row: reading and deciding every row of a
    /// million in .NET made a replace of 'Müller' take 24 s, and 11 s when no row held it.
    /// </remarks>
    public static string Pattern(string find, bool whole)
    {
        // A whole cell is compared trimmed on both sides (FindReplace.Apply), and stored cells are trimmed: the spaces of
        // " Pell Grant " looked for in the JSON found no row.
        find = whole ? find.Trim() : find;
        if (find.Length == 0)
        {
            return "%";
        }

        if (find.All(c => char.IsAsciiLetterOrDigit(c) || " .,@/:-#()_%!?*$=;".Contains(c)))
        {
            var escaped = find.Replace("%", "\\%").Replace("_", "\\_");
            return whole ? $"%\"{escaped}\"%" : $"%{escaped}%";
        }

        var pattern = new System.Text.StringBuilder("%");
        foreach (var c in find)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                pattern.Append(c);
            }
            else if (pattern[^1] != '%')
            {
                pattern.Append('%');
            }
        }

        return pattern[^1] == '%' ? pattern.ToString() : pattern.Append('%').ToString();
    }
}
