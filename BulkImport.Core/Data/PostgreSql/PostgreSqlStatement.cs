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

    public override int GetInt32(int column) => Convert.ToInt32(_reader!.GetValue(column), CultureInfo.InvariantCulture);

    public override long GetInt64(int column) => Convert.ToInt64(_reader!.GetValue(column), CultureInfo.InvariantCulture);

    public override bool IsNull(int column) => _reader!.IsDBNull(column);

    public override string? GetString(int column) =>
        _reader!.IsDBNull(column) ? null : Convert.ToString(_reader.GetValue(column), CultureInfo.InvariantCulture);

    public override ReadOnlySpan<byte> GetUtf8(int column)
    {
        var text = GetString(column) ?? string.Empty;
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
