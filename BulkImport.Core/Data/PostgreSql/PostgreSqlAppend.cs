using System.Data.Common;
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

    // The held rows, already in COPY's binary format; and the fields of the row being bound, each field's bytes (its
    // length included) at _fieldStart/_fieldLength in _fields, in the order they were bound. Unbound fields are NULL.
    private readonly PgCopyRows _rows = new();
    private readonly PgCopyRows _fields = new();
    private readonly int[] _fieldStart;
    private readonly int[] _fieldLength;
    private readonly Queue<long> _ids = new();
    private bool _idIsInteger;
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
        _fieldStart = new int[_width];
        _fieldLength = new int[_width];
    }

    /// <summary>Marks where field <paramref name="index"/> starts; <see cref="EndField"/> where it ends.</summary>
    private PgCopyRows StartField(int index)
    {
        _fieldStart[index - 1] = _fields.Length;
        return _fields;
    }

    private void EndField(int index) => _fieldLength[index - 1] = _fields.Length - _fieldStart[index - 1];

    public override void Bind(int index, int value)
    {
        StartField(index).Write(value);
        EndField(index);
    }

    public override void Bind(int index, long value)
    {
        StartField(index).Write(value);
        EndField(index);
    }

    public override void Bind(int index, long? value)
    {
        var field = StartField(index);
        if (value is { } number)
        {
            field.Write(number);
        }
        else
        {
            field.WriteNull();
        }

        EndField(index);
    }

    public override void Bind(int index, double value)
    {
        StartField(index).Write(value);
        EndField(index);
    }

    public override void Bind(int index, string? value)
    {
        StartField(index).Write(value);
        EndField(index);
    }

    public override void Bind(int index, DateTime value)
    {
        StartField(index).WriteTimestamp(UtcDateTimeConverter.ToUtc(value));
        EndField(index);
    }

    public override void BindUtf8(int index, ReadOnlySpan<byte> utf8)
    {
        StartField(index).WriteBytes(utf8);
        EndField(index);
    }

    public override void BindBlob(int index, byte[] value)
    {
        StartField(index).WriteBytes(value);
        EndField(index);
    }

    /// <summary>Holds the bound row; it is written at <see cref="Flush"/>.</summary>
    public override int Execute()
    {
        _rows.StartRow(_width);
        HoldFields();
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
        _rows.StartRow(_width + 1);
        if (_idIsInteger)
        {
            _rows.Write(checked((int)id));
        }
        else
        {
            _rows.Write(id);
        }

        HoldFields();
        return id;
    }

    /// <summary>Moves the bound fields into the held rows in column order, and forgets them: each row binds its own.</summary>
    private void HoldFields()
    {
        var bound = _fields.Written;
        for (var i = 0; i < _width; i++)
        {
            if (_fieldLength[i] == 0)
            {
                _rows.WriteNull();
            }
            else
            {
                _rows.Append(bound.Slice(_fieldStart[i], _fieldLength[i]), rows: 0);
            }
        }

        _fields.Clear();
        Array.Clear(_fieldLength);
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
        _idIsInteger = reader.GetString(1) == "integer";
    }

    /// <summary>Writes the held rows with one binary COPY; they are let go even when it fails (the batch then rolls back).</summary>
    public override void Flush()
    {
        if (_rows.Rows == 0)
        {
            return;
        }

        try
        {
            _rows.Send(_connection, _copy);
            _written += _rows.Rows;
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
        _fields.Clear();
        if (disposing && _written >= PostgreSqlStatistics.RowsWorthAnalyzing)
        {
            PostgreSqlStatistics.Refresh(_connection, _table);
        }
    }
}
