using System.Diagnostics;
using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The possible-duplicates check of one staging ("Checking For Discrepancies", SPEC section 14), in steps that never
/// query the database per row. The existing clients' keys are read and sorted on a thread of their own while the file
/// is read; each valid Insert row's match keys are hashed and noted as the row is staged (no lookup, so the reading
/// never waits for the clients). After the pass the file's keys are sorted and merged with the clients' in one
/// sequential pass, giving hints; the hinted rows and their candidates are then read a batch at a time and compared
/// exactly (<see cref="DiscrepancyWriter"/>).
/// </summary>
public sealed class DuplicateCheck
{
    /// <summary>Candidates hinted per row, before the exact comparison keeps at most <see cref="Discrepancy.MaxCandidates"/>.</summary>
    public const int MaxHintsPerRow = 20;

    private static readonly DuplicateRule[] Rules = Enum.GetValues<DuplicateRule>();

    private readonly Task<ClientMatchIndex> _clients;
    private readonly FileMatchKeys _file = new();
    private readonly char[] _buffer = new char[MatchKeys.MaxKeyLength];
    private long _observeTicks;
    private long _waitTicks;
    private long _mergeTicks;

    private DuplicateCheck(Task<ClientMatchIndex> clients) => _clients = clients;

    /// <summary>Where the check's time went, for the staging's log line (the benchmark reads it to tell the sections apart).</summary>
    public DuplicateCheckTimes Times => new(
        _clients.IsCompletedSuccessfully ? _clients.Result.BuildTime : TimeSpan.Zero,
        Stopwatch.GetElapsedTime(0, _observeTicks), Stopwatch.GetElapsedTime(0, _waitTicks), Stopwatch.GetElapsedTime(0, _mergeTicks));

    /// <summary>(row &lt;&lt; 32 | client ID) for each client hinted, in row order, once <see cref="FinishAsync"/> has ended.</summary>
    public List<long> ClientHints { get; private set; } = [];

    /// <summary>(row &lt;&lt; 32 | earlier row) for each earlier row of the file hinted, in row order, once <see cref="FinishAsync"/> has ended.</summary>
    public List<long> RowHints { get; private set; } = [];

    /// <summary>Starts reading the existing clients' keys on a connection and thread of its own.</summary>
    public static DuplicateCheck Start(IDbContextFactory<BulkImportDbContext> dbFactory, CancellationToken ct) =>
        new(Task.Factory.StartNew(() => BuildClientIndex(dbFactory, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    /// <summary>A check against the given clients' index (tests).</summary>
    public static DuplicateCheck Over(ClientMatchIndex clients) => new(Task.FromResult(clients));

    public static ClientMatchIndex BuildClientIndex(IDbContextFactory<BulkImportDbContext> dbFactory, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var db = dbFactory.CreateDbContext();
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        // Four keys a client at most (one per rule): sized once, so the index never grows by copying.
        var index = new ClientMatchIndex(ClientMatchKeyReader.Count(connection) * Rules.Length);
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
        return index.Seal(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Notes a valid Insert row's keys (values in Client template order, canonical), in row order.</summary>
    public void Observe(int rowNumber, string?[] values)
    {
        var started = Stopwatch.GetTimestamp();
        var keys = MatchKeys.OfClientValues(values);
        foreach (var rule in Rules)
        {
            if (keys.Hash(rule, _buffer) is { } hash)
            {
                _file.Add(hash, rowNumber);
            }
        }

        _observeTicks += Stopwatch.GetTimestamp() - started;
    }

    /// <summary>
    /// After the last row: waits for the clients' keys (their reading must not outlive the staging), then finds the rows
    /// that share a key with an earlier row of the file or with clients.
    /// </summary>
    public async Task FinishAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var clients = await _clients;
        _waitTicks = Stopwatch.GetTimestamp() - started;
        started = Stopwatch.GetTimestamp();
        (RowHints, ClientHints) = _file.Hints(clients, MaxHintsPerRow);
        _mergeTicks = Stopwatch.GetTimestamp() - started;
    }
}
