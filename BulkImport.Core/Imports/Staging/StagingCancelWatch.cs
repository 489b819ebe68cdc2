using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Staging;

/// <summary>
/// Notices that a person cancelled the import being read, so the reading stops within a fraction of a second instead of
/// at the end of the file (issue 15). A cancel is a change of the import's status in the database, whoever makes it and
/// from whichever process, so the watch asks the database: every <see cref="Interval"/> on a timer, and at once whenever
/// the staging reaches a progress point (<see cref="Check"/>); one indexed read of the import each time. When it sees
/// the import Cancelled it cancels <see cref="Token"/>, which every stage of the staging waits on.
/// </summary>
public sealed class StagingCancelWatch : IDisposable
{
    /// <summary>Longest time between two looks at the database.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly BulkImportDbContext _db;
    private readonly int _importId;
    private readonly CancellationTokenSource _cancelled;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private bool _disposed;

    public StagingCancelWatch(IDbContextFactory<BulkImportDbContext> dbFactory, int importId, CancellationToken stopping)
    {
        _db = dbFactory.CreateDbContext();
        _importId = importId;
        _cancelled = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _timer = new Timer(_ => Look(), null, Interval, Interval);
    }

    /// <summary>Cancelled when the import is cancelled or the app stops.</summary>
    public CancellationToken Token => _cancelled.Token;

    /// <summary>True once the import was seen Cancelled (not when only the app is stopping).</summary>
    public bool ImportCancelled { get; private set; }

    /// <summary>Looks at the import now; throws when it was cancelled (or the app is stopping).</summary>
    public void Check()
    {
        Look();
        Token.ThrowIfCancellationRequested();
    }

    private void Look()
    {
        lock (_gate)
        {
            if (_disposed || ImportCancelled)
            {
                return;
            }

            try
            {
                if (_db.Imports.AsNoTracking().Any(i => i.Id == _importId && i.Status == ImportStatus.Cancelled))
                {
                    ImportCancelled = true;
                    _cancelled.Cancel();
                }
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
            {
                // A look that fails (the database busy a moment) is taken again at the next tick.
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _disposed = true;
            _db.Dispose();
        }

        _cancelled.Dispose();
    }
}
