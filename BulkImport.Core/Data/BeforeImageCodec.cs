using System.Buffers;
using System.IO.Compression;
using System.Numerics;
using BulkImport.Core.Imports.Undo;

namespace BulkImport.Core.Data;

/// <summary>
/// The bytes of a <see cref="BeforeImageBatch"/>: per image its row, record, changed-cells mask and previous lineage,
/// then each changed cell as its length and its UTF-8, all deflated. Numbers are written as varints (7 bits a byte), a
/// lineage and a length one more than they are so that 0 can mean none (no lineage, an empty cell): about a third of
/// the plain bytes were fixed-width numbers, and deflate's time grows with its input. Deflate's fastest level then
/// shrinks client records about 3.7 times, so the writer stores a quarter of the bytes it would copy.
/// </summary>
public static class BeforeImageCodec
{
    /// <summary>Gathers one batch's images (<see cref="Begin"/>, then <see cref="Cell"/> per changed cell) and compresses them.</summary>
    public sealed class Encoder
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);

        public int Rows { get; private set; }

        public void Begin(int rowNumber, long recordId, long changed, int? previousImportId, int? previousImportRow)
        {
            var span = _buffer.GetSpan(5 * 10);
            var at = Write(span, (ulong)rowNumber);
            at += Write(span[at..], (ulong)recordId);
            at += Write(span[at..], (ulong)changed);
            at += Write(span[at..], previousImportId is { } id ? (ulong)id + 1 : 0);
            at += Write(span[at..], previousImportRow is { } row ? (ulong)row + 1 : 0);
            _buffer.Advance(at);
            Rows++;
        }

        /// <summary>The next changed cell's previous value; <paramref name="isNull"/> for an empty cell.</summary>
        public void Cell(ReadOnlySpan<byte> utf8, bool isNull)
        {
            var span = _buffer.GetSpan(10 + utf8.Length);
            var at = Write(span, isNull ? 0 : (ulong)utf8.Length + 1);
            utf8.CopyTo(span[at..]);
            _buffer.Advance(at + utf8.Length);
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

        private static int Write(Span<byte> span, ulong value)
        {
            var at = 0;
            while (value >= 0x80)
            {
                span[at++] = (byte)(value | 0x80);
                value >>= 7;
            }

            span[at++] = (byte)value;
            return at;
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
        var length = (int)plain.Length;
        var decoded = new List<RecordImage>();
        var at = 0;
        while (at < length)
        {
            var rowNumber = (int)Read(buffer, ref at);
            var recordId = (long)Read(buffer, ref at);
            var changed = (long)Read(buffer, ref at);
            var previousImportId = Read(buffer, ref at);
            var previousImportRow = Read(buffer, ref at);
            var old = new ReadOnlyMemory<byte>?[64 - BitOperations.LeadingZeroCount((ulong)changed)];
            for (var i = 0; i < old.Length; i++)
            {
                if ((changed & (1L << i)) == 0)
                {
                    continue;
                }

                var cell = (int)Read(buffer, ref at);
                if (cell > 0)
                {
                    old[i] = buffer.AsMemory(at, cell - 1);
                    at += cell - 1;
                }
            }

            decoded.Add(new RecordImage(rowNumber, recordId, changed, old,
                previousImportId == 0 ? null : (int)previousImportId - 1, previousImportRow == 0 ? null : (int)previousImportRow - 1));
        }

        return decoded;
    }

    private static ulong Read(byte[] buffer, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
