using BulkImport.Core.Data;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The second step of the check (<see cref="DuplicateCheck"/>): the hinted rows, a batch at a time, are read with
/// their hinted candidates (two queries a batch, by primary key), compared exactly, and their discrepancies saved.
/// </summary>
public static class DiscrepancyWriter
{
    private const int BatchRows = 1000;

    /// <summary>Writes the discrepancies of import <paramref name="importId"/>; returns how many.</summary>
    public static async Task<int> WriteAsync(BulkImportDbContext db, int importId, DuplicateCheck check, CancellationToken ct)
    {
        var written = 0;
        int clientAt = 0, rowAt = 0;
        var clientHints = check.ClientHints;
        var rowHints = check.RowHints;
        while (clientAt < clientHints.Count || rowAt < rowHints.Count)
        {
            // The next batch: the hints of the next BatchRows hinted rows, from both lists (each in row order).
            var suspects = new SortedSet<int>();
            var clientStart = clientAt;
            var rowStart = rowAt;
            while (suspects.Count < BatchRows && (clientAt < clientHints.Count || rowAt < rowHints.Count))
            {
                var nextClient = clientAt < clientHints.Count ? RowOf(clientHints[clientAt]) : int.MaxValue;
                var nextRow = rowAt < rowHints.Count ? RowOf(rowHints[rowAt]) : int.MaxValue;
                var row = Math.Min(nextClient, nextRow);
                suspects.Add(row);
                while (clientAt < clientHints.Count && RowOf(clientHints[clientAt]) == row)
                {
                    clientAt++;
                }

                while (rowAt < rowHints.Count && RowOf(rowHints[rowAt]) == row)
                {
                    rowAt++;
                }
            }

            var clientPairs = clientHints.GetRange(clientStart, clientAt - clientStart).ConvertAll(h => (Row: RowOf(h), Id: IdOf(h)));
            var rowPairs = rowHints.GetRange(rowStart, rowAt - rowStart).ConvertAll(h => (Row: RowOf(h), Id: IdOf(h)));
            var discrepancies = await JudgeBatchAsync(db, importId, suspects, clientPairs, rowPairs, ct);
            if (discrepancies.Count > 0)
            {
                await DiscrepancyInserts.InsertAsync(db, discrepancies, ct);
                written += discrepancies.Count;
            }
        }

        return written;
    }

    private static async Task<List<Discrepancy>> JudgeBatchAsync(BulkImportDbContext db, int importId, SortedSet<int> suspects,
        List<(int Row, int Id)> clientPairs, List<(int Row, int Id)> rowPairs, CancellationToken ct)
    {
        var wantedRows = suspects.Concat(rowPairs.Select(p => p.Id)).Distinct().ToList();
        var rows = await ImportRowValuesReader.ReadAsync(db, importId, wantedRows, ct);
        var clients = await ClientValuesReader.ReadAsync(db, [.. clientPairs.Select(p => p.Id).Distinct()], ct);
        var clientsOf = clientPairs.ToLookup(p => p.Row, p => p.Id);
        var rowsOf = rowPairs.ToLookup(p => p.Row, p => p.Id);

        var found = new List<Discrepancy>();
        foreach (var rowNumber in suspects)
        {
            if (!rows.TryGetValue(rowNumber, out var values))
            {
                continue;
            }

            var candidateClients = clientsOf[rowNumber].Where(clients.ContainsKey).Select(id => (id, clients[id]));
            var candidateRows = rowsOf[rowNumber].Where(rows.ContainsKey).Select(r => (r, rows[r]));
            if (DiscrepancyJudge.Judge(importId, rowNumber, values, candidateClients, candidateRows) is { } discrepancy)
            {
                found.Add(discrepancy);
            }
        }

        return found;
    }

    private static int RowOf(long hint) => (int)(hint >> 32);

    private static int IdOf(long hint) => (int)(uint)hint;
}
