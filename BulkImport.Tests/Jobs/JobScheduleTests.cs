using BulkImport.Core.Jobs;

namespace BulkImport.Tests.Jobs;

/// <summary>Which waiting job runs next (fairness between imports, SPEC 22).</summary>
public sealed class JobScheduleTests
{
    private static ImportJob Job(int id, bool large = false, string user = "a", JobKind kind = JobKind.Validation) => new(id, kind, user, large, _ => Task.CompletedTask);

    [Fact]
    public void A_job_waits_while_its_import_has_a_job_of_the_same_kind_running_and_another_kind_does_not()
    {
        // The replay of a failed commit, asked for while that commit's job is still ending.
        JobSchedule.Next([Job(1, kind: JobKind.Commit), Job(2, kind: JobKind.Commit)], [Job(1, kind: JobKind.Commit)], 3).Should().Be(1);
        JobSchedule.Next([Job(1, kind: JobKind.Commit)], [Job(1, kind: JobKind.Commit)], 3).Should().Be(-1);
        JobSchedule.Next([Job(1, kind: JobKind.Commit)], [Job(1, kind: JobKind.Validation)], 3).Should().Be(0);
    }

    [Fact]
    public void Jobs_run_in_the_order_they_arrived()
    {
        JobSchedule.Next([Job(1), Job(2)], [], 2).Should().Be(0);
    }

    [Fact]
    public void No_job_starts_when_every_worker_is_busy()
    {
        JobSchedule.Next([Job(3)], [Job(1), Job(2)], 2).Should().Be(-1);
    }

    [Fact]
    public void A_large_job_never_takes_the_last_free_worker_so_a_small_one_behind_it_runs()
    {
        JobSchedule.Next([Job(2, large: true), Job(3)], [Job(1, large: true)], 2).Should().Be(1);
        JobSchedule.Next([Job(2, large: true)], [Job(1, large: true)], 2).Should().Be(-1);
        JobSchedule.Next([Job(2, large: true)], [Job(1)], 2).Should().Be(0);
    }

    [Fact]
    public void With_one_worker_a_large_job_runs_when_it_is_free()
    {
        JobSchedule.Next([Job(1, large: true), Job(2)], [], 1).Should().Be(0);
    }

    [Fact]
    public void A_user_with_fewer_jobs_running_goes_first()
    {
        JobSchedule.Next([Job(2, user: "a"), Job(3, user: "b")], [Job(1, user: "a")], 3).Should().Be(1);
    }
}
