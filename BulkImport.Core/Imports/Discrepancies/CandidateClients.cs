using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The existing clients a few rows may be possible duplicates of, for the checks after an edit or a bulk fix's batch
/// (SPEC 14): the clients sharing a key hash with each row, found in one filtered pass over Clients
/// (<see cref="ClientMatchKeyReader.ForEachSharing"/>) and then read by ID. The exact rules are applied after, by
/// <see cref="DiscrepancyJudge"/>. Every client that matches is found, however many share a row's date of birth.
/// </summary>
public static class CandidateClients
{
    private static readonly DuplicateRule[] Rules = Enum.GetValues<DuplicateRule>();

    /// <summary>Row number → its candidates (Client ID, values in Client template order), at most <see cref="DuplicateCheck.MaxHintsPerRow"/> a row.</summary>
    public static async Task<Dictionary<int, List<(int ClientId, string?[] Values)>>> OfRowsAsync(BulkImportDbContext db,
        IReadOnlyCollection<(int RowNumber, string?[] Values)> rows, CancellationToken ct)
    {
        var buffer = new char[MatchKeys.MaxKeyLength];
        var rowsOfHash = new Dictionary<long, List<int>>();
        foreach (var (rowNumber, values) in rows)
        {
            var keys = MatchKeys.OfClientValues(values);
            foreach (var rule in Rules)
            {
                if (keys.Hash(rule, buffer) is { } hash)
                {
                    (rowsOfHash.TryGetValue(hash, out var list) ? list : rowsOfHash[hash] = []).Add(rowNumber);
                }
            }
        }

        var hinted = new Dictionary<int, HashSet<int>>();
        if (rowsOfHash.Count > 0)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                ClientMatchKeyReader.ForEachSharing(db.Database.GetDbConnection(), ComparedValues.Of(rows.Select(r => r.Values)), (clientId, keys) =>
                {
                    foreach (var rule in Rules)
                    {
                        if (keys.Hash(rule, buffer) is { } hash && rowsOfHash.TryGetValue(hash, out var rowNumbers))
                        {
                            foreach (var rowNumber in rowNumbers)
                            {
                                var ofRow = hinted.TryGetValue(rowNumber, out var set) ? set : hinted[rowNumber] = [];
                                if (ofRow.Count < DuplicateCheck.MaxHintsPerRow)
                                {
                                    ofRow.Add(clientId);
                                }
                            }
                        }
                    }
                }, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var clients = await ClientValuesReader.ReadAsync(db, [.. hinted.Values.SelectMany(s => s).Distinct()], ct);
        return hinted.ToDictionary(h => h.Key, h => h.Value.Where(clients.ContainsKey).Select(id => (id, clients[id])).ToList());
    }
}
