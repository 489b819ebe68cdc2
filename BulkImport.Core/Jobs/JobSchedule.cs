namespace BulkImport.Core.Jobs;

/// <summary>
/// Which waiting job runs next when a worker is free (SPEC 22, "fair between imports"). Jobs run in the order they
/// arrived, with two exceptions that keep a small import from waiting behind large ones: large jobs never take the last
/// free worker (with two or more workers, one is always left for small jobs), and a user with fewer jobs running goes
/// first, so one person's ten uploads do not hold back another's one. A job whose import already has a job of the same
/// kind running here waits for it to end: started beside it, it would find the work's lease held (by that job) and be
/// dropped, and a replay asked for while a failed commit's job was still ending would never run.
/// </summary>
public static class JobSchedule
{
    /// <summary>The index in <paramref name="waiting"/> (arrival order) of the job to start now, or -1 when none may start.</summary>
    public static int Next(IReadOnlyList<ImportJob> waiting, IReadOnlyList<ImportJob> running, int maxConcurrent)
    {
        var workers = Math.Max(1, maxConcurrent);
        if (running.Count >= workers)
        {
            return -1;
        }

        var largeRunning = running.Count(j => j.Large);
        var largeAllowed = workers == 1 ? 1 : workers - 1;
        var best = -1;
        var bestUserRunning = int.MaxValue;
        for (var i = 0; i < waiting.Count; i++)
        {
            var job = waiting[i];
            if (job.Large && largeRunning >= largeAllowed)
            {
                continue;
            }

            if (running.Any(r => r.ImportId == job.ImportId && r.Kind == job.Kind))
            {
                continue;
            }

            var userRunning = running.Count(j => j.User == job.User);
            if (userRunning < bestUserRunning)
            {
                best = i;
                bestUserRunning = userRunning;
            }
        }

        return best;
    }
}
