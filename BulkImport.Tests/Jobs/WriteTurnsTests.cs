using BulkImport.Core.Jobs;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Jobs;

/// <summary>Writers take turns by batch (SPEC 22): in arrival order, and a hot writer lets announced writes in first, for a bounded time.</summary>
public sealed class WriteTurnsTests
{
    private static WriteTurns Turns(int maxYieldMilliseconds = 100) =>
        new(new StaticOptionsMonitor<JobOptions>(new JobOptions { MaxYieldMilliseconds = maxYieldMilliseconds }));

    [Fact]
    public async Task Batches_of_two_imports_take_turns_in_arrival_order()
    {
        var turns = Turns();
        var first = await turns.BatchAsync(1, CancellationToken.None);
        var second = turns.BatchAsync(2, CancellationToken.None).AsTask();
        var again = turns.BatchAsync(1, CancellationToken.None).AsTask();
        second.IsCompleted.Should().BeFalse("import 1 has the turn");

        first.Dispose();
        var secondTurn = await second;

        again.IsCompleted.Should().BeFalse("import 2 asked first, so it has the turn before import 1's next batch");
        secondTurn.Dispose();
        (await again).Dispose();
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_passes_the_turn_on()
    {
        var turns = Turns();
        var held = await turns.BatchAsync(1, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var waiting = turns.BatchAsync(2, giveUp.Token).AsTask();
        var next = turns.BatchAsync(3, CancellationToken.None).AsTask();
        await giveUp.CancelAsync();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();

        held.Dispose();

        (await next).Dispose();
    }

    [Fact]
    public async Task A_hot_writer_waits_at_its_batch_boundary_until_an_announced_write_has_the_lock()
    {
        var turns = Turns(maxYieldMilliseconds: 60_000);
        var writer = new object();
        turns.Announce(writer);

        var batch = turns.BatchAsync(1, CancellationToken.None).AsTask();
        await Eventually.TrueAsync(() => turns.Announced == 1 && !batch.IsCompleted, "the batch waits for the announced write");
        turns.Arrived(writer);

        (await batch).Dispose();
    }

    [Fact]
    public async Task A_large_import_still_progresses_when_others_keep_announcing_writes()
    {
        var turns = Turns(maxYieldMilliseconds: 0);
        turns.Announce(new object());

        (await turns.BatchAsync(1, CancellationToken.None)).Dispose();
    }
}
