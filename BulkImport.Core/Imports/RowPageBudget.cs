using System.Text;

namespace BulkImport.Core.Imports;

/// <summary>
/// A page of rows carries at most <see cref="MaxBytes"/> of values and messages (UTF-8), as well as at most
/// <see cref="PageRequest.MaxPageSize"/> rows. A row may hold up to 1 MiB (the file's row limit), so 500 rows could be
/// 500 MiB in memory and on the wire for one request; the rows are counted as they are read, and a page that would pass
/// the budget is refused before the rest is read, saying how many rows per page fit.
/// </summary>
/// <remarks>
/// Refused, not cut short: a page number and size always name the same rows, so a shorter page would make the rows
/// after it unreachable at that page size. Typical rows are a few hundred bytes (a 500-row page is well under 1 MiB);
/// only files of very long values meet the budget, and one row always fits.
/// </remarks>
public sealed class RowPageBudget(PageRequest page)
{
    /// <summary>4 MiB: a 100-row page of 40 KiB rows, or four rows at the 1 MiB row limit.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private long _spent;
    private int _rows;

    /// <summary>Counts a row read for the page; refuses the page once the rows read pass the budget.</summary>
    public void Spend(ImportRow row)
    {
        _spent += SizeOf(row);
        if (_spent > MaxBytes)
        {
            var fit = Math.Max(1, _rows);
            throw ImportProblem.BadRequest(
                $"The rows of page {page.Page} ({page.PageSize} rows per page) hold more than {ImportFiles.FormatBytes(MaxBytes)}, the most one page may carry. "
                + $"Ask for fewer rows per page: the first {fit} of them fit (pageSize={fit}).");
        }

        _rows++;
    }

    private static long SizeOf(ImportRow row)
    {
        long size = 0;
        foreach (var value in row.Values)
        {
            size += value is null ? 0 : Encoding.UTF8.GetByteCount(value);
        }

        foreach (var message in row.Messages)
        {
            size += Encoding.UTF8.GetByteCount(message.Message);
        }

        return size;
    }
}
