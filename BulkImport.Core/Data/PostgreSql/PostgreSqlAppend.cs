using System.Data.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// An appending insert on PostgreSQL (<see cref="DatabaseEngine.PrepareAppend"/>): rows are held as they are bound and
/// written by one binary COPY at <see cref="Flush"/>, in the connection's open transaction. A new record's ID is taken
/// beforehand from the table's identity sequence, a block at a time, so the caller has it at once as with an insert
/// that returns it (an ID taken and not used is a gap, as after any rolled-back insert). When the statement has written
/// many rows, the table's statistics are refreshed as it is disposed (<see cref="PostgreSqlStatistics"/>), so the results
/// file reads them by pages.
/// </summary>
internal sealed class PostgreSqlAppend : PreparedStatement
{
    /// <summary>IDs taken from the sequence in one round trip.</summary>
    private const int IdBlock = 1_000;

    private readonly NpgsqlConnection _connection;
    private readonly string _table;
    private readonly string? _idColumn;
    private readonly string _copy;
    private readonly int _width;
    private readonly List<(object? Value, NpgsqlDbType Type)[]> _rows = [];
    private readonly Queue<long> _ids = new();
    private (object? Value, NpgsqlDbType Type)[] _current;
    private NpgsqlDbType _idType = NpgsqlDbType.Bigint;
    private string? _sequence;
    private int _written;

    public PostgreSqlAppend(DbConnection connection, string table, IReadOnlyList<string> columns, string? idColumn)
    {
        _connection = connection as NpgsqlConnection ?? throw new NotSupportedException("A PostgreSQL statement needs a PostgreSQL connection.");
        _table = table;
        _idColumn = idColumn;
        IEnumerable<string> written = idColumn is null ? columns : [idColumn, .. columns];
        _copy = $"COPY \"{table}\" ({string.Join(", ", written.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        _width = columns.Count;
        _current = NewRow();
    }

    private (object? Value, NpgsqlDbType Type)[] NewRow() => new (object?, NpgsqlDbType)[_width];

    private void Set(int index, object? value, NpgsqlDbType type) => _current[index - 1] = (value, type);

    public override void Bind(int index, int value) => Set(index, value, NpgsqlDbType.Integer);

    public override void Bind(int index, long value) => Set(index, value, NpgsqlDbType.Bigint);

    public override void Bind(int index, long? value) => Set(index, value, NpgsqlDbType.Bigint);

    public override void Bind(int index, double value) => Set(index, value, NpgsqlDbType.Double);

    public override void Bind(int index, string? value) => Set(index, value, NpgsqlDbType.Text);

    public override void Bind(int index, DateTime value) => Set(index, UtcDateTimeConverter.ToUtc(value), NpgsqlDbType.TimestampTz);

    public override void BindUtf8(int index, ReadOnlySpan<byte> utf8) => Set(index, Encoding.UTF8.GetString(utf8), NpgsqlDbType.Text);

    public override void BindBlob(int index, byte[] value) => Set(index, value, NpgsqlDbType.Bytea);

    /// <summary>Holds the bound row; it is written at <see cref="Flush"/>.</summary>
    public override int Execute()
    {
        _rows.Add(_current);
        _current = NewRow();
        return 1;
    }

    /// <summary>Holds the bound row with the next ID of the table's sequence, and returns that ID.</summary>
    public override long ExecuteInsert()
    {
        if (_idColumn is null)
        {
            throw new InvalidOperationException($"The append to {_table} was prepared without an ID column.");
        }

        if (_ids.Count == 0)
        {
            TakeIds();
        }

        var id = _ids.Dequeue();
        _rows.Add([(id, _idType), .. _current]);
        _current = NewRow();
        return id;
    }

    private void TakeIds()
    {
        if (_sequence is null)
        {
            FindSequence();
        }

        // The sequence is named once: looking it up (and the column's type) for every ID drawn cost 8 ms a block.
        using var command = new NpgsqlCommand("SELECT nextval($1::regclass) FROM generate_series(1, $2)", _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _sequence!, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = IdBlock, NpgsqlDbType = NpgsqlDbType.Integer });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _ids.Enqueue(reader.GetInt64(0));
        }
    }

    private void FindSequence()
    {
        using var command = new NpgsqlCommand(
            "SELECT pg_get_serial_sequence($1, $2), format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attname = $2",
            _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"\"{_table}\"", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = _idColumn!, NpgsqlDbType = NpgsqlDbType.Text });
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0))
        {
            throw new InvalidOperationException($"{_table}.{_idColumn} has no identity sequence to take IDs from.");
        }

        _sequence = reader.GetString(0);
        _idType = reader.GetString(1) == "integer" ? NpgsqlDbType.Integer : NpgsqlDbType.Bigint;
    }

    /// <summary>Writes the held rows with one binary COPY; they are let go even when it fails (the batch then rolls back).</summary>
    public override void Flush()
    {
        if (_rows.Count == 0)
        {
            return;
        }

        try
        {
            using var copy = _connection.BeginBinaryImport(_copy);
            foreach (var row in _rows)
            {
                copy.StartRow();
                foreach (var (value, type) in row)
                {
                    switch (value)
                    {
                        case null:
                            copy.WriteNull();
                            break;
                        case int number:
                            copy.Write(number, type);
                            break;
                        case long number when type == NpgsqlDbType.Integer:
                            copy.Write(checked((int)number), type);
                            break;
                        case long number:
                            copy.Write(number, type);
                            break;
                        case double number:
                            copy.Write(number, type);
                            break;
                        case DateTime time:
                            copy.Write(time, type);
                            break;
                        default:
                            copy.Write((string)value, type);
                            break;
                    }
                }
            }

            copy.Complete();
            _written += _rows.Count;
        }
        finally
        {
            _rows.Clear();
        }
    }

    public override bool Read() => throw new NotSupportedException("An append returns no rows.");

    public override void Reset()
    {
    }

    public override int GetInt32(int column) => throw new NotSupportedException("An append returns no rows.");

    public override long GetInt64(int column) => throw new NotSupportedException("An append returns no rows.");

    public override bool IsNull(int column) => throw new NotSupportedException("An append returns no rows.");

    public override ReadOnlySpan<byte> GetUtf8(int column) => throw new NotSupportedException("An append returns no rows.");

    protected override void Dispose(bool disposing)
    {
        _rows.Clear();
        if (disposing && _written >= PostgreSqlStatistics.RowsWorthAnalyzing)
        {
            PostgreSqlStatistics.Refresh(_connection, _table);
        }
    }
}
