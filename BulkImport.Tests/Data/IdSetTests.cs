using BulkImport.Core.Data;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Xunit;

namespace BulkImport.Tests.Data;

/// <summary>The bit set of existing IDs answers exactly like the set of IDs it was read from.</summary>
public sealed class IdSetTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public IdSetTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE T (Id INTEGER PRIMARY KEY); INSERT INTO T (Id) VALUES (1), (2), (63), (64), (65), (1000), (250000);";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void Holds_every_id_the_query_returns_and_no_other()
    {
        var set = IdSet.Read(_connection, "SELECT Id FROM T");

        set.Count.Should().Be(7);
        long[] held = [1, 2, 63, 64, 65, 1000, 250000];
        held.Should().OnlyContain(id => set.Contains(id));
        long[] missing = [0, 3, 62, 66, 999, 1001, 249999, 250001, 10_000_000, -1, long.MaxValue, long.MinValue];
        missing.Should().NotContain(id => set.Contains(id));
    }

    [Fact]
    public void An_empty_table_gives_an_empty_set()
    {
        var set = IdSet.Read(_connection, "SELECT Id FROM T WHERE Id < 0");

        set.Count.Should().Be(0);
        set.Contains(0).Should().BeFalse();
        set.Contains(1).Should().BeFalse();
    }

    [Fact]
    public void A_repeated_id_is_counted_once()
    {
        var set = IdSet.Of([5, 5, 70, 5]);

        set.Count.Should().Be(2);
        set.Contains(5).Should().BeTrue();
        set.Contains(70).Should().BeTrue();
        set.Contains(6).Should().BeFalse();
    }

    [Fact]
    public void A_far_off_id_is_held_without_a_bit_for_every_id_below_it()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var set = IdSet.Of([1, 2, 2_000_000_000, 3, int.MaxValue]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThan(1_000_000, "a bit for every ID up to 2,000,000,000 would take 250 MB");
        set.Count.Should().Be(5);
        long[] held = [1, 2, 3, 2_000_000_000, int.MaxValue];
        held.Should().OnlyContain(id => set.Contains(id));
        long[] missing = [4, 1_999_999_999, 2_000_000_001, int.MaxValue - 1];
        missing.Should().NotContain(id => set.Contains(id));
    }

    [Fact]
    public void Ids_arriving_in_order_stay_in_the_bits_as_the_set_grows()
    {
        var ids = Enumerable.Range(1, 3_000_000).Select(i => (long)i).ToList();
        var set = IdSet.Of(ids);

        set.Count.Should().Be(3_000_000);
        set.Contains(1).Should().BeTrue();
        set.Contains(2_999_999).Should().BeTrue();
        set.Contains(3_000_000).Should().BeTrue();
        set.Contains(3_000_001).Should().BeFalse();
        set.Contains(0).Should().BeFalse();
    }

    [Fact]
    public void An_id_outside_the_range_of_record_ids_is_refused()
    {
        var negative = () => IdSet.Of([-1]);
        var tooLarge = () => IdSet.Of([(long)int.MaxValue + 1]);

        negative.Should().Throw<ArgumentOutOfRangeException>();
        tooLarge.Should().Throw<ArgumentOutOfRangeException>();
    }

    public void Dispose() => _connection.Dispose();
}
