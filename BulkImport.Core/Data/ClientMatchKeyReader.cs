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
