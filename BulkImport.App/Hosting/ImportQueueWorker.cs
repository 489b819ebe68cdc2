using System.Threading.Channels;
using BulkImport.Core.Jobs;

namespace BulkImport.App.Hosting;

/// <summary>
/// Takes import IDs from one queue and hands each to the shared <see cref="JobPool"/>, which runs it beside the other
/// imports' jobs, in the background and independent of any browser. The queue is only a doorbell: the import's status
/// says what to do, and an import queued twice runs once (the second run finds its status moved on). A failure of one
/// import is logged (and recorded on the import by the step itself); the pool goes on.
/// </summary>
public abstract class ImportQueueWorker(ChannelReader<int> queue, JobPool pool, ILogger logger, JobKind kind) : BackgroundService
{
    protected abstract Task RunAsync(int importId, CancellationToken stoppingToken);

    /// <summary>Who the job is for and whether it is large, read from the import (null when it no longer exists).</summary>
    protected abstract Task<(string User, bool Large)?> DescribeAsync(int importId, CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var jobs = new List<Task>();
        try
        {
            await foreach (var importId in queue.ReadAllAsync(stoppingToken))
            {
                jobs.RemoveAll(j => j.IsCompleted);
                (string User, bool Large)? job;
                try
                {
                    job = await DescribeAsync(importId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "{Kind} of import {ImportId} could not be scheduled", kind, importId);
                    continue;
                }

                if (job is { } j)
                {
                    jobs.Add(pool.RunAsync(new ImportJob(importId, kind, j.User, j.Large, ct => RunAsync(importId, ct)), stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Running jobs see the stop at their next batch boundary; the host waits for them to leave cleanly.
            await Task.WhenAll(jobs);
        }
    }
}
