using BulkImport.Core.Data;
using BulkImport.Core.Data.Sqlite;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Xunit;

namespace BulkImport.Tests.Data;

/// <summary>The fast path's statement binds and reads back exactly what SqliteCommand would: NULL, empty text, any Unicode.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE T (Id INTEGER PRIMARY KEY, Text TEXT NULL, Number INTEGER NULL)";
        create.ExecuteNonQuery();
    }

    public static TheoryData<string?> Texts => new()
    {
        null,
        "",
        "plain",
        "Zoë Ångström – 東京 🙂",
        new string('x', 5_000),
        "line\r\nbreak, \"quoted\"",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Text_is_stored_as_given_null_and_empty_kept_apart(string? text)
    {
        using (var insert = new SqliteStatement(_connection, "INSERT INTO T (Text) VALUES (?1)"))
        {
            insert.Bind(1, text);
            insert.Execute().Should().Be(1);
        }

        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT Text, typeof(Text) FROM T";
        using var reader = read.ExecuteReader();
        reader.Read().Should().BeTrue();
        if (text is null)
        {
            reader.IsDBNull(0).Should().BeTrue();
        }
        else
        {
            reader.GetString(0).Should().Be(text);
            reader.GetString(1).Should().Be("text");
        }
    }

    [Fact]
    public void Rows_inserted_and_read_back_by_position_with_the_statement_reused()
    {
        using (var insert = new SqliteStatement(_connection, "INSERT INTO T (Text, Number) VALUES (?1, ?2)"))
        {
            for (var i = 0; i < 3; i++)
            {
                insert.Bind(1, $"row {i} {new string('é', i * 100)}");
                insert.Bind(2, i % 2 == 0 ? (long?)i * 10_000_000_000 : null);
                insert.Execute();
                insert.LastInsertRowId.Should().Be(i + 1);
            }
        }

        using var select = new SqliteStatement(_connection, "SELECT Id, Text, Number FROM T WHERE Id > ?1 ORDER BY Id");
        for (var round = 0; round < 2; round++)
        {
            select.Bind(1, 1);
            var rows = new List<(long, string?, long?)>();
            while (select.Read())
            {
                rows.Add((select.GetInt64(0), select.GetString(1), select.IsNull(2) ? null : select.GetInt64(2)));
            }

            rows.Should().Equal((2L, "row 1 " + new string('é', 100), (long?)null), (3L, "row 2 " + new string('é', 200), (long?)20_000_000_000));
        }
    }

    [Fact]
    public void A_failing_statement_throws_sqlite_errors_and_stays_usable()
    {
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = "CREATE UNIQUE INDEX UX_T_Text ON T (Text)";
            create.ExecuteNonQuery();
        }

        using var insert = new SqliteStatement(_connection, "INSERT INTO T (Text) VALUES (?1)");
        insert.Bind(1, "once");
        insert.Execute();
        insert.Bind(1, "once");
        insert.Invoking(i => i.Execute()).Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(19, "a UNIQUE constraint fails");
        insert.Bind(1, "twice");
        insert.Execute().Should().Be(1);
    }

    public void Dispose() => _connection.Dispose();
}
