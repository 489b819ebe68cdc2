using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// A prepared statement of portable SQL on PostgreSQL: <c>?N</c> becomes Npgsql's positional <c>$N</c>, and the command
/// is prepared on the server at its first run. Text is sent untyped (<see cref="NpgsqlDbType.Unknown"/>) so the server
/// reads it as the column's type (a canonical amount into numeric, an ISO date into date), as SQLite takes text anywhere.
/// </summary>
internal sealed partial class PostgreSqlStatement : PreparedStatement
{
    private readonly NpgsqlCommand _command;
    private NpgsqlDataReader? _reader;
    private bool _prepared;
    private byte[] _utf8 = new byte[256];

    // What each result column holds, found at its first read of a result (Unknown until then): reads of the kinds
    // named take no boxing (numbers) and no string (text, whose bytes are already UTF-8); any other goes through
    // its .NET value, as portable SQL may give a number as text or numeric.
    private ColumnKind[] _kinds = [];

    private enum ColumnKind : byte
    {
        Unknown,
        Int32,
        Int64,
        Text,
        Other,
    }

    public PostgreSqlStatement(DbConnection connection, string sql)
    {
        var npgsql = connection as NpgsqlConnection ?? throw new NotSupportedException("A PostgreSQL statement needs a PostgreSQL connection.");
        var count = 0;
        var text = Placeholder().Replace(sql, m =>
        {
            count = Math.Max(count, int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
            return "$" + m.Groups[1].Value;
        });
        _command = new NpgsqlCommand(text, npgsql);
        for (var i = 0; i < count; i++)
        {
            _command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown });
        }
    }

    [GeneratedRegex(@"\?(\d+)")]
    private static partial Regex Placeholder();

    private NpgsqlParameter At(int index) => _command.Parameters[index - 1];

    private void Set(int index, object? value, NpgsqlDbType type)
    {
        var parameter = At(index);
        if (value is null)
        {
            // A NULL keeps the parameter's type, so the prepared statement is not planned again.
            parameter.Value = DBNull.Value;
            return;
        }

        if (parameter.NpgsqlDbType != type)
        {
            parameter.NpgsqlDbType = type;
        }

        parameter.Value = value;
    }

    public override void Bind(int index, int value) => Set(index, value, NpgsqlDbType.Integer);

    public override void Bind(int index, long value) => Set(index, value, NpgsqlDbType.Bigint);

    public override void Bind(int index, long? value) => Set(index, value, NpgsqlDbType.Bigint);

    public override void Bind(int index, double value) => Set(index, value, NpgsqlDbType.Double);

    public override void Bind(int index, string? value) => Set(index, value, NpgsqlDbType.Unknown);

    /// <summary>Timestamps are timestamptz holding UTC (docs/decisions.md, "Engines"), as EF Core writes them (UtcDateTimeConverter).</summary>
    public override void Bind(int index, DateTime value) => Set(index, UtcDateTimeConverter.ToUtc(value), NpgsqlDbType.TimestampTz);

    public override void BindUtf8(int index, ReadOnlySpan<byte> utf8) => Set(index, Encoding.UTF8.GetString(utf8), NpgsqlDbType.Unknown);

    public override void BindBlob(int index, byte[] value) => Set(index, value, NpgsqlDbType.Bytea);

    private void EnsurePrepared()
    {
        Reset();
        if (!_prepared)
        {
            _command.Prepare();
            _prepared = true;
        }
    }

    public override int Execute()
    {
        EnsurePrepared();
        return _command.ExecuteNonQuery();
    }

    public override long ExecuteInsert()
    {
        EnsurePrepared();
        return Convert.ToInt64(_command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public override bool Read()
    {
        if (_reader is null)
        {
            EnsurePrepared();
            _reader = _command.ExecuteReader();
            _kinds = new ColumnKind[_reader.FieldCount];
        }

        if (_reader.Read())
        {
            return true;
        }

        Reset();
        return false;
    }

    public override void Reset()
    {
        _reader?.Dispose();
        _reader = null;
    }

    private ColumnKind KindOf(int column)
    {
        var kind = _kinds[column];
        if (kind == ColumnKind.Unknown)
        {
            kind = _kinds[column] = _reader!.GetDataTypeName(column) switch
            {
                "integer" => ColumnKind.Int32,
                "bigint" => ColumnKind.Int64,
                "text" or "character varying" => ColumnKind.Text,
                _ => ColumnKind.Other,
            };
        }

        return kind;
    }

    public override int GetInt32(int column) => KindOf(column) switch
    {
        ColumnKind.Int32 => _reader!.GetInt32(column),
        ColumnKind.Int64 => checked((int)_reader!.GetInt64(column)),
        _ => Convert.ToInt32(_reader!.GetValue(column), CultureInfo.InvariantCulture),
    };

    public override long GetInt64(int column) => KindOf(column) switch
    {
        ColumnKind.Int32 => _reader!.GetInt32(column),
        ColumnKind.Int64 => _reader!.GetInt64(column),
        _ => Convert.ToInt64(_reader!.GetValue(column), CultureInfo.InvariantCulture),
    };

    public override bool IsNull(int column) => _reader!.IsDBNull(column);

    public override string? GetString(int column) =>
        _reader!.IsDBNull(column) ? null : Convert.ToString(_reader.GetValue(column), CultureInfo.InvariantCulture);

    public override ReadOnlySpan<byte> GetUtf8(int column)
    {
        if (KindOf(column) != ColumnKind.Text)
        {
            return Encode(GetString(column) ?? string.Empty);
        }

        if (_reader!.IsDBNull(column))
        {
            return [];
        }

        // A text column's bytes, as the server sent them (UTF-8, the connection's encoding), copied into one buffer.
        var length = (int)_reader.GetBytes(column, 0, null, 0, 0);
        if (length > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        return _utf8.AsSpan(0, (int)_reader.GetBytes(column, 0, _utf8, 0, length));
    }

    private ReadOnlySpan<byte> Encode(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        return _utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, _utf8));
    }

    protected override void Dispose(bool disposing)
    {
        Reset();
        _command.Dispose();
    }
}
