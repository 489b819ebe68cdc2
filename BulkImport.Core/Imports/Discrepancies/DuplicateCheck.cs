using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The possible-duplicates check of one staging ("Checking For Discrepancies", SPEC section 14), in two steps that never
/// query the database per row. While the file is read, each valid Insert row's match keys are hashed and looked up in
/// an index of the existing clients' keys (read once, on a thread of its own, while the file's first rows are parsed)
/// and in an index of the keys met earlier in the file; a hit is noted as a hint. After the pass, the hinted rows and
/// their candidates are read a batch at a time and compared exactly (<see cref="DiscrepancyWriter"/>).
/// </summary>
public sealed class DuplicateCheck
{
    /// <summary>Candidates hinted per row, before the exact comparison keeps at most <see cref="Discrepancy.MaxCandidates"/>.</summary>
    public const int MaxHintsPerRow = 20;

    private static readonly DuplicateRule[] Rules = Enum.GetValues<DuplicateRule>();

    private readonly Task<ClientMatchIndex> _clients;
    private readonly FileMatchIndex _file = new();
    private readonly char[] _buffer = new char[MatchKeys.MaxKeyLength];
    private readonly List<int> _found = new(MaxHintsPerRow);
    private ClientMatchIndex? _clientIndex;

    private DuplicateCheck(Task<ClientMatchIndex> clients) => _clients = clients;

    /// <summary>(row &lt;&lt; 32 | client ID) for each client hinted, in row order.</summary>
    public List<long> ClientHints { get; } = [];

    /// <summary>(row &lt;&lt; 32 | earlier row) for each earlier row of the file hinted, in row order.</summary>
    public List<long> RowHints { get; } = [];

    /// <summary>Starts reading the existing clients' keys on a connection and thread of its own.</summary>
    public static DuplicateCheck Start(IDbContextFactory<BulkImportDbContext> dbFactory, CancellationToken ct) =>
        new(Task.Factory.StartNew(() => BuildClientIndex(dbFactory, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    /// <summary>A check against the given clients' index (tests).</summary>
    public static DuplicateCheck Over(ClientMatchIndex clients) => new(Task.FromResult(clients));

    public static ClientMatchIndex BuildClientIndex(IDbContextFactory<BulkImportDbContext> dbFactory, CancellationToken ct)
    {
        using var db = dbFactory.CreateDbContext();
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        var index = new ClientMatchIndex(ClientMatchKeyReader.Count(connection) * 3);
        var buffer = new char[MatchKeys.MaxKeyLength];
        ClientMatchKeyReader.ForEach(connection, (clientId, keys) =>
        {
            foreach (var rule in Rules)
            {
                if (keys.Hash(rule, buffer) is { } hash)
                {
                    index.Add(hash, clientId);
                }
            }
        }, ct);
        return index.Seal();
    }

    /// <summary>Looks up a valid Insert row (values in Client template order, canonical), in row order.</summary>
    public void Observe(int rowNumber, string?[] values)
    {
        _clientIndex ??= _clients.GetAwaiter().GetResult();
        var keys = MatchKeys.OfClientValues(values);
        var clientStart = ClientHints.Count;
        var rowStart = RowHints.Count;
        foreach (var rule in Rules)
        {
            if (keys.Hash(rule, _buffer) is not { } hash)
            {
                continue;
            }

            var earlier = _file.FirstOrAdd(hash, rowNumber);
            if (earlier != 0 && !Contains(RowHints, rowStart, earlier))
            {
                RowHints.Add(((long)rowNumber << 32) | (uint)earlier);
            }

            _found.Clear();
            _clientIndex.Find(hash, _found, MaxHintsPerRow);
            foreach (var clientId in _found)
            {
                if (ClientHints.Count - clientStart < MaxHintsPerRow && !Contains(ClientHints, clientStart, clientId))
                {
                    ClientHints.Add(((long)rowNumber << 32) | (uint)clientId);
                }
            }
        }
    }

    /// <summary>Waits for the client index when no row needed it (its reading must not outlive the staging).</summary>
    public Task WaitAsync() => _clients;

    private static bool Contains(List<long> hints, int start, int id)
    {
        for (var i = start; i < hints.Count; i++)
        {
            if ((int)(uint)hints[i] == id)
            {
                return true;
            }
        }

        return false;
    }
}
