using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (a field count, then each field's length and bytes, big-endian), built in
/// one buffer and sent with a raw binary COPY. Npgsql's own importer resolves a type converter and runs an async state
/// machine for every value, and needs text as .NET strings; on a 1,000,000-row import that was seconds of the app's
/// time, and the staged values, already UTF-8, were decoded only to be encoded again. The caller writes each field in
/// the column's exact binary type (int4, int8, float8, bool, text, bytea, timestamptz), as binary COPY requires.
/// </summary>
internal sealed class PgCopyRows
{
    // "PGCOPY\n\377\r\n\0", then flags (0) and the length of the header extension (0).
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    // PostgreSQL's epoch, 2000-01-01 UTC, in .NET ticks.
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] _buffer = new byte[64 * 1024];

    public int Rows { get; private set; }

    public int Length { get; private set; }

    public void StartRow(int fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(Room(2), checked((short)fields));
        Length += 2;
        Rows++;
    }

    public void WriteNull() => WriteLength(-1);

    public void Write(int value)
    {
        WriteLength(4);
        BinaryPrimitives.WriteInt32BigEndian(Room(4), value);
        Length += 4;
    }

    public void Write(long value)
    {
        WriteLength(8);
        BinaryPrimitives.WriteInt64BigEndian(Room(8), value);
        Length += 8;
    }

    public void Write(double value)
    {
        WriteLength(8);
        BinaryPrimitives.WriteDoubleBigEndian(Room(8), value);
        Length += 8;
    }

    public void Write(bool value)
    {
        WriteLength(1);
        Room(1)[0] = value ? (byte)1 : (byte)0;
        Length += 1;
    }

    /// <summary>A timestamptz: microseconds from PostgreSQL's epoch, of a UTC time.</summary>
    public void WriteTimestamp(DateTime utc) => Write((utc.Ticks - EpochTicks) / TimeSpan.TicksPerMicrosecond);

    /// <summary>Text or bytea given as its bytes (text as UTF-8).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteLength(bytes.Length);
        bytes.CopyTo(Room(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>Text; null writes NULL.</summary>
    public void Write(string? text)
    {
        if (text is null)
        {
            WriteNull();
            return;
        }

        var start = Length;
        Length += 4;
        var written = Encoding.UTF8.GetBytes(text, Room(Encoding.UTF8.GetMaxByteCount(text.Length)));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start, 4), written);
        Length += written;
    }

    /// <summary>Appends what another buffer holds (its rows counted here).</summary>
    public void Append(ReadOnlySpan<byte> encoded, int rows)
    {
        encoded.CopyTo(Room(encoded.Length));
        Length += encoded.Length;
        Rows += rows;
    }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Sends the rows by one binary COPY (<paramref name="copy"/> is its <c>COPY … FROM STDIN (FORMAT BINARY)</c>), in the connection's transaction.</summary>
    public void Send(NpgsqlConnection connection, string copy)
    {
        using var stream = connection.BeginRawBinaryCopy(copy);
        try
        {
            stream.Write(Header);
            stream.Write(_buffer, 0, Length);
            Span<byte> trailer = [0xFF, 0xFF];
            stream.Write(trailer);
        }
        catch
        {
            // A COPY broken off half-written must not be completed by Dispose. When the connection itself is gone the
            // cancel fails too; the first error is the one that says why.
            try
            {
                stream.Cancel();
            }
            catch (NpgsqlException)
            {
            }

            throw;
        }
    }

    public void Clear()
    {
        Length = 0;
        Rows = 0;
    }

    private void WriteLength(int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(Room(4), length);
        Length += 4;
    }

    /// <summary>At least <paramref name="size"/> free bytes at the end of what is written.</summary>
    private Span<byte> Room(int size)
    {
        if (Length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(Length + size, _buffer.Length * 2));
        }

        return _buffer.AsSpan(Length, size);
    }
}
