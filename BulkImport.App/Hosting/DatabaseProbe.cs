using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.App.Hosting;

/// <summary>
/// Asks the database whether it answers, each time <c>/health/ready</c> (or <c>/health</c>) is asked: a database that
/// was ready at start and is lost later must take the instance out of a load balancer's rotation, and bring it back
/// once it answers again. One <c>SELECT 1</c> on a pooled connection, bounded by <see cref="Limit"/> so a server that
/// hangs makes the answer slow by that much at most, never as long as the connection timeout.
/// </summary>
public sealed class DatabaseProbe(IDbContextFactory<BulkImportDbContext> contexts, ILogger<DatabaseProbe> logger)
{
    /// <summary>How long the database has to answer before the instance is reported not ready.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private volatile bool _failing;

    /// <summary>Null when the database answered; else what is wrong, naming the setting to fix.</summary>
    public async Task<string?> ProblemAsync(CancellationToken requestAborted)
    {
        // Disposed when the attempt ends, which may be after the answer (below).
        var limit = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        limit.CancelAfter(Limit);
        var connectionString = "";
        var asking = AskAsync(s => connectionString = s, limit.Token);
        _ = asking.ContinueWith(t =>
        {
            limit.Dispose();
            return t.Exception;
        }, TaskScheduler.Default);
        try
        {
            // The driver does not give up a connection attempt when cancelled mid-handshake (a server that accepts and
            // never answers kept it for its whole connection timeout, measured): the answer is not waited for past the
            // limit, and the attempt ends on its own timeout, observed above.
            await asking.WaitAsync(Limit, requestAborted);
            Recovered();
            return null;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !requestAborted.IsCancellationRequested))
        {
            return Failed(connectionString, $"no answer within {Limit.TotalSeconds:0} s", error: null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever stops SELECT 1 (refused, reset, a wrong password, a missing database) stops every request the
            // same way: all of them are the operator's to fix, so all of them are 503.
            return Failed(connectionString, DatabaseProvider.Reason(e), e);
        }
    }

    private async Task AskAsync(Action<string> connectionString, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        connectionString(db.Database.GetConnectionString() ?? "");
        db.Database.SetCommandTimeout(Limit);
        // A query, not ExecuteSqlRaw: a non-query is announced as a write (WriteTurns), and on SQLite a large import's
        // batches would make way for every look of a load balancer.
        await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync(ct);
    }

    private string Failed(string connectionString, string reason, Exception? error)
    {
        var problem = $"{DatabaseProvider.Describe(connectionString)} does not answer ({reason}). " +
            $"{DatabaseProvider.UnreachableAdvice(connectionString)}; /health/ready answers 503 until it answers.";
        // Said when it starts, not at every look of a load balancer polling every few seconds.
        if (!_failing)
        {
            _failing = true;
            logger.LogError(error, "{Problem}", problem);
        }

        return problem;
    }

    private void Recovered()
    {
        if (_failing)
        {
            _failing = false;
            logger.LogInformation("The database answers again.");
        }
    }
}
