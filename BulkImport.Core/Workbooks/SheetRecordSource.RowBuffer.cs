using System.Text;

namespace BulkImport.Core.Workbooks;

// The loaded row's cells, side by side in one byte buffer reused from row to row: a cell is a start and a length in it.
internal sealed partial class SheetRecordSource
{
    private void ClearRow()
    {
        if (rowHasErrors)
        {
            Array.Clear(errors, 0, filled);
            rowHasErrors = false;
        }

        filled = 0;
        width = 0;
        used = 0;
    }

    private void StoreNumber(int column, double number, NumberFormat format)
    {
        Span<byte> digits = stackalloc byte[32];
        if (format.TryFormatUtf8(number, date1904, digits, out var written))
        {
            Store(column, digits[..written]);
        }
        else
        {
            Store(column, format.Format(number, date1904));
        }
    }

    private void StoreUnescaped(int column, ReadOnlySpan<byte> text)
    {
        if (unescaped.Length < text.Length)
        {
            unescaped = new byte[Math.Max(text.Length, unescaped.Length * 2)];
        }

        Store(column, unescaped.AsSpan(0, SheetXml.Unescape(text, unescaped)));
    }

    private void Store(int column, string value) => Store(column, Encoding.UTF8.GetBytes(value));

    private void Store(int column, ReadOnlySpan<byte> utf8)
    {
        EnsureColumns(column + 1);
        for (var c = filled; c < column; c++)
        {
            lengths[c] = 0;
        }

        filled = Math.Max(filled, column + 1);
        if (used + utf8.Length > data.Length)
        {
            Array.Resize(ref data, Math.Max(data.Length * 2, used + utf8.Length));
        }

        utf8.CopyTo(data.AsSpan(used));
        starts[column] = used;
        lengths[column] = utf8.Length;
        used += utf8.Length;
        if (utf8.Length > 0)
        {
            width = Math.Max(width, column + 1);
        }
    }

    private void EnsureColumns(int count)
    {
        if (count <= starts.Length)
        {
            return;
        }

        var size = Math.Max(count, starts.Length * 2);
        Array.Resize(ref starts, size);
        Array.Resize(ref lengths, size);
        Array.Resize(ref errors, size);
    }
}
