using System.Diagnostics;
using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The possible-duplicates check of one staging ("Checking For Discrepancies", SPEC section 14), in steps that never
/// query the database per row. Each valid Insert row's match keys are hashed and noted as the row is staged (no lookup,
/// so the reading never waits for the clients). The existing clients' keys are read on a thread of their own: for a
/// file of more than <see cref="SmallFileRows"/> such rows every client's, sorted while the file is still read; for a
/// smaller one only the clients sharing one of its compared values, after the pass (one filtered scan the engine does,
/// instead of a million clients decoded and hashed for three rows). The file's keys are then sorted and merged with the
/// clients' in one sequential pass, giving hints; the hinted rows and their candidates are read a batch at a time and
/// compared exactly (<see cref="DiscrepancyWriter"/>).
/// </summary>
public sealed class DuplicateCheck : IDisposable
{
    /// <summary>Candidates hinted per row, before the exact comparison keeps at most <see cref="Discrepancy.MaxCandidates"/>.</summary>
    public const int MaxHintsPerRow = 20;

    private static readonly DuplicateRule[] Rules = Enum.GetValues<DuplicateRule>();

    /// <summary>
    /// Inserts a file may have for its clients to be read by their compared values. Above it, the values' scan would
    /// return a large share of the clients anyway (a date of birth is shared by dozens of a million clients), and every
    /// client's keys read beside the file's reading cost no wait.
    /// </summary>
    public const int SmallFileRows = 1_000;

    private readonly IDbContextFactory<BulkImportDbContext>? _dbFactory;
    private readonly CancellationToken _ct;
    private readonly FileMatchKeys _file = new();
    private readonly char[] _buffer = new char[MatchKeys.MaxKeyLength];
    private Task<ClientMatchIndex>? _clients;
    private ComparedValues? _compared = new();
    private long _observeTicks;
    private long _waitTicks;
    private long _mergeTicks;

    private DuplicateCheck(IDbContextFactory<BulkImportDbContext> dbFactory, CancellationToken ct)
    {
        _dbFactory = dbFactory;
        _ct = ct;
    }

    private DuplicateCheck(ClientMatchIndex clients)
    {
        _clients = Task.FromResult(clients);
        _compared = null;
    }

    /// <summary>Where the check's time went, for the staging's log line (the benchmark reads it to tell the sections apart).</summary>
    public DuplicateCheckTimes Times => new(
        _clients is { IsCompletedSuccessfully: true } ? _clients.Result.BuildTime : TimeSpan.Zero,
        Stopwatch.GetElapsedTime(0, _observeTicks), Stopwatch.GetElapsedTime(0, _waitTicks), Stopwatch.GetElapsedTime(0, _mergeTicks));

    /// <summary>(row &lt;&lt; 32 | client ID) for each client hinted, in row order, once <see cref="FinishAsync"/> has ended.</summary>
    public List<long> ClientHints { get; private set; } = [];

    /// <summary>(row &lt;&lt; 32 | earlier row) for each earlier row of the file hinted, in row order, once <see cref="FinishAsync"/> has ended.</summary>
    public List<long> RowHints { get; private set; } = [];

    /// <summary>A check of one staging; the clients' keys are read on a connection and thread of their own.</summary>
    public static DuplicateCheck Start(IDbContextFactory<BulkImportDbContext> dbFactory, CancellationToken ct) => new(dbFactory, ct);

    /// <summary>A check against the given clients' index (tests).</summary>
    public static DuplicateCheck Over(ClientMatchIndex clients) => new(clients);

    /// <summary>
    /// The clients' keys as (hash, Client ID), sorted: every client's, or with <paramref name="sharing"/> only those of
    /// the clients that hold one of its values.
    /// </summary>
    public static ClientMatchIndex BuildClientIndex(IDbContextFactory<BulkImportDbContext> dbFactory, ComparedValues? sharing, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var db = dbFactory.CreateDbContext();
        db.Database.OpenConnection();
        var index = new ClientMatchIndex();
        try
        {
            var buffer = new char[MatchKeys.MaxKeyLength];
            void Add(int clientId, MatchKeys keys)
            {
                foreach (var rule in Rules)
                {
                    if (keys.Hash(rule, buffer) is { } hash)
                    {
                        index.Add(hash, clientId);
                    }
                }
            }

            if (sharing is null)
            {
                ClientMatchKeyReader.ForEach(db.Database.GetDbConnection(), Add, ct);
            }
            else
            {
                ClientMatchKeyReader.ForEachSharing(db.Database.GetDbConnection(), sharing, Add, ct);
            }

            // Sorted here, beside the file's reading, so the merge after it only reads the clients' side.
            index.Seal(ct);
            index.BuildTime = Stopwatch.GetElapsedTime(started);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
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

        if (_compared is not null)
        {
            _compared.Add(values);
            if (_compared.Rows > SmallFileRows)
            {
                // A large file: every client's keys, read from now on beside the rest of the file.
                _compared = null;
                _clients = ReadClients(null);
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
        var clients = await (_clients ??= ReadClients(_compared));
        _waitTicks = Stopwatch.GetTimestamp() - started;
        started = Stopwatch.GetTimestamp();
        (RowHints, ClientHints) = _file.Hints(clients, MaxHintsPerRow);
        _mergeTicks = Stopwatch.GetTimestamp() - started;
        // The keys are not needed once the hints are known: their files go now, not when the staging ends.
        clients.Dispose();
    }

    /// <summary>Lets the keys' temporary files go, also when the staging stopped early (the clients' side once it has been read).</summary>
    public void Dispose()
    {
        _file.Dispose();
        _clients?.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private Task<ClientMatchIndex> ReadClients(ComparedValues? sharing) =>
        Task.Factory.StartNew(() => BuildClientIndex(_dbFactory!, sharing, _ct), _ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
