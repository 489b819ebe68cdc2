using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using BulkImport.Core.Imports.Undo;

namespace BulkImport.Core.Data;

/// <summary>
/// The bytes of a <see cref="BeforeImageBatch"/>: per image its row, record, changed-cells mask and previous lineage
/// (-1 for none), then each changed cell as a length (-1 for an empty cell) and its UTF-8, all deflated. Deflate's
/// fastest level shrinks client records about 3.7 times, so the writer stores a quarter of the bytes it would copy.
/// </summary>
public static class BeforeImageCodec
{
    private const int None = -1;

    /// <summary>Gathers one batch's images (<see cref="Begin"/>, then <see cref="Cell"/> per changed cell) and compresses them.</summary>
    public sealed class Encoder
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);

        public int Rows { get; private set; }

        public void Begin(int rowNumber, long recordId, long changed, int? previousImportId, int? previousImportRow)
        {
            var span = _buffer.GetSpan(28);
            BinaryPrimitives.WriteInt32LittleEndian(span, rowNumber);
            BinaryPrimitives.WriteInt64LittleEndian(span[4..], recordId);
            BinaryPrimitives.WriteInt64LittleEndian(span[12..], changed);
            BinaryPrimitives.WriteInt32LittleEndian(span[20..], previousImportId ?? None);
            BinaryPrimitives.WriteInt32LittleEndian(span[24..], previousImportRow ?? None);
            _buffer.Advance(28);
            Rows++;
        }

        /// <summary>The next changed cell's previous value; <paramref name="isNull"/> for an empty cell.</summary>
        public void Cell(ReadOnlySpan<byte> utf8, bool isNull)
        {
            var span = _buffer.GetSpan(4 + utf8.Length);
            BinaryPrimitives.WriteInt32LittleEndian(span, isNull ? None : utf8.Length);
            utf8.CopyTo(span[4..]);
            _buffer.Advance(4 + (isNull ? 0 : utf8.Length));
        }

        /// <summary>The compressed images gathered since the last call; the encoder is empty again after.</summary>
        public byte[] Finish()
        {
            using var compressed = new MemoryStream(_buffer.WrittenCount / 3 + 64);
            using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(_buffer.WrittenSpan);
            }

            _buffer.ResetWrittenCount();
            Rows = 0;
            return compressed.ToArray();
        }
    }

    /// <summary>The images of <paramref name="images"/>, in the order they were written; each one's cells reach to the last column it changed.</summary>
    public static List<RecordImage> Decode(byte[] images)
    {
        using var plain = new MemoryStream(images.Length * 4);
        using (var inflate = new DeflateStream(new MemoryStream(images), CompressionMode.Decompress))
        {
            inflate.CopyTo(plain);
        }

        // The cells stay slices of this buffer: the restore binds them as the UTF-8 they are.
        var buffer = plain.GetBuffer();
        var bytes = buffer.AsSpan(0, (int)plain.Length);
        var decoded = new List<RecordImage>();
        var at = 0;
        while (at < bytes.Length)
        {
            var rowNumber = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            var recordId = BinaryPrimitives.ReadInt64LittleEndian(bytes[(at + 4)..]);
            var changed = BinaryPrimitives.ReadInt64LittleEndian(bytes[(at + 12)..]);
            var previousImportId = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 20)..]);
            var previousImportRow = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 24)..]);
            at += 28;
            var old = new ReadOnlyMemory<byte>?[64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)changed)];
            for (var i = 0; i < old.Length; i++)
            {
                if ((changed & (1L << i)) == 0)
                {
                    continue;
                }

                var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
                at += 4;
                if (length != None)
                {
                    old[i] = buffer.AsMemory(at, length);
                    at += length;
                }
            }

            decoded.Add(new RecordImage(rowNumber, recordId, changed, old,
                previousImportId == None ? null : previousImportId, previousImportRow == None ? null : previousImportRow));
        }

        return decoded;
    }
}
