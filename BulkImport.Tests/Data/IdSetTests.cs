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
    public void An_id_outside_the_range_of_record_ids_is_refused()
    {
        var negative = () => IdSet.Of([-1]);
        var tooLarge = () => IdSet.Of([(long)int.MaxValue + 1]);

        negative.Should().Throw<ArgumentOutOfRangeException>();
        tooLarge.Should().Throw<ArgumentOutOfRangeException>();
    }

    public void Dispose() => _connection.Dispose();
}
