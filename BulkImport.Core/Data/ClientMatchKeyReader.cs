using System.Data.Common;
using System.Text;
using BulkImport.Core.Imports.Discrepancies;

namespace BulkImport.Core.Data;

/// <summary>
/// Reads the compared values of every existing client in one pass, for the possible-duplicates check's index
/// (<see cref="ClientMatchIndex"/>). Through the engine's prepared statement, each client's values decoded from the
/// engine's UTF-8 into one reused buffer: reading a million clients through ADO.NET made six strings a client and
/// most of the check's cost, all of it beside the file's own reading on the same cores.
/// </summary>
public static class ClientMatchKeyReader
{
    private const string Sql =
        "SELECT \"ClientId\", \"FirstName\", \"LastName\", \"Email\", \"PhoneNumber\", \"Ssn\", \"DateOfBirth\" FROM \"Clients\"";

    private const int Values = 6;

    /// <summary>
    /// Calls <paramref name="visit"/> with each client's ID and keys, streaming (never a list of clients). The keys are
    /// slices of a buffer the next client overwrites: hash them in the call, do not keep them.
    /// </summary>
    public static void ForEach(DbConnection connection, Action<int, MatchKeys> visit, CancellationToken ct)
    {
        using var statement = DatabaseEngine.Of(connection).Prepare(connection, Sql);
        Visit(statement, visit, ct);
    }

    /// <summary>
    /// As <see cref="ForEach"/>, for the clients that hold one of <paramref name="values"/>' SSNs, dates of birth or
    /// phones, or one of its e-mails ignoring case: every client that may share a key with those rows, and a few more
    /// (the caller compares keys). Still one pass over Clients, which has no index on these columns (each one costs every
    /// imported client a B-tree insert), but the engine filters it: nothing of the others is sent, decoded or hashed.
    /// </summary>
    public static void ForEachSharing(DbConnection connection, ComparedValues values, Action<int, MatchKeys> visit, CancellationToken ct)
    {
        if (values.Ssns.Count + values.BirthDates.Count + values.Phones.Count + values.Emails.Count == 0)
        {
            return;
        }

        var engine = DatabaseEngine.Of(connection);
        var json = engine.Json;
        using var statement = engine.Prepare(connection, $"""
            {Sql} WHERE "Ssn" IN ({json.Strings("?1")}) OR "DateOfBirth" IN ({json.Strings("?2")})
              OR "PhoneNumber" IN ({json.Strings("?3")}) OR {engine.MayEqualIgnoringCase("\"Email\"", json.Strings("?4"))}
            """);
        statement.Bind(1, RowJson.SerializeStrings([.. values.Ssns]));
        statement.Bind(2, RowJson.SerializeStrings([.. values.BirthDates]));
        statement.Bind(3, RowJson.SerializeStrings([.. values.Phones]));
        statement.Bind(4, RowJson.SerializeStrings([.. values.Emails]));
        Visit(statement, visit, ct);
    }

    private static void Visit(PreparedStatement statement, Action<int, MatchKeys> visit, CancellationToken ct)
    {
        var text = new char[256];
        Span<int> ends = stackalloc int[Values];
        var rows = 0;
        while (statement.Read())
        {
            if (++rows % 65_536 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var length = 0;
            for (var i = 0; i < Values; i++)
            {
                if (!statement.IsNull(i + 1))
                {
                    var utf8 = statement.GetUtf8(i + 1);
                    if (length + utf8.Length > text.Length)
                    {
                        // UTF-8 never has fewer bytes than the text has chars, so this is always room enough.
                        Array.Resize(ref text, Math.Max(text.Length * 2, length + utf8.Length));
                    }

                    length += Encoding.UTF8.GetChars(utf8, text.AsSpan(length));
                }

                ends[i] = length;
            }

            var memory = text.AsMemory();
            visit(statement.GetInt32(0), new MatchKeys(
                memory[..ends[0]], memory[ends[0]..ends[1]], memory[ends[1]..ends[2]],
                memory[ends[2]..ends[3]], memory[ends[3]..ends[4]], memory[ends[4]..ends[5]]));
        }
    }
}
