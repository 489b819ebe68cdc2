using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// Finds a page of an import's rows (staged rows or commit results) in SQLite's indexes, cheaply on a million rows: from
/// whichever end of the rows is nearer, by arithmetic where the row numbers have no gap, and for Valid rows by counting
/// around the rows that are not Valid (<see cref="NotValidRowIndex"/>).
/// </summary>
internal static class RowPageLocator
{
    /// <summary>Where the rows of a page start: the row number <c>offset</c> rows from the first (or, backwards, the last) row; null when there is none.</summary>
    internal delegate Task<int?> RowLocator(int offset, bool backwards);

    /// <summary>
    /// The rows of <paramref name="page"/> among the <paramref name="total"/> rows of <paramref name="query"/>. The walk to
    /// a deep page starts from whichever end of the rows is nearer (the last page costs what the first does, the middle
    /// one the most); it finds only the page's first row number (<paramref name="locate"/>; by default stepping through
    /// the index, which SQLite does entry by entry, reading no row on the way), and then the page's rows are read from
    /// that row number on.
    /// </summary>
    /// <remarks>
    /// Only rows after <paramref name="afterRow"/> count. That bound is not part of <paramref name="query"/>: once the page's
    /// first row is found, it is the page's only lower bound, since SQLite seeks an index by one lower bound and would
    /// walk from the other. The rows are streamed, each handed to <paramref name="read"/> as it arrives (which may refuse
    /// the page before the rest is read: <see cref="RowPageBudget"/>).
    /// </remarks>
    internal static async Task<List<T>> PageAsync<T>(IQueryable<T> query, int total, PageRequest page, bool descending, CancellationToken ct,
        int afterRow = 0, RowLocator? locate = null, Action<T>? read = null)
        where T : class, IRowNumbered
    {
        // In long: a page number from an address can be large enough to overflow the offset.
        var skipped = (long)(page.Page - 1) * page.PageSize;
        if (skipped >= total)
        {
            return [];
        }

        var skip = (int)skipped;
        var take = Math.Min(page.PageSize, total - skip);
        var after = total - skip - take;
        var fromEnd = after < skip;
        var backwards = descending != fromEnd;
        var offset = fromEnd ? after : skip;
        var bounded = afterRow > 0 ? query.Where(r => r.RowNumber > afterRow) : query;
        var rows = bounded;
        if (offset > 0)
        {
            if (await (locate ?? ((o, b) => LocateInIndexAsync(query, o, b, afterRow, ct)))(offset, backwards) is not { } first)
            {
                return [];
            }

            rows = backwards ? bounded.Where(r => r.RowNumber <= first) : query.Where(r => r.RowNumber >= first);
        }

        var ordered = backwards ? rows.OrderByDescending(r => r.RowNumber) : rows.OrderBy(r => r.RowNumber);
        var items = new List<T>(take);
        await foreach (var item in ordered.Take(take).AsAsyncEnumerable().WithCancellation(ct))
        {
            read?.Invoke(item);
            items.Add(item);
        }

        if (fromEnd)
        {
            items.Reverse();
        }

        return items;
    }

    /// <summary>The row number <paramref name="offset"/> rows (after <paramref name="afterRow"/>) from either end of <paramref name="query"/>, stepping through its index.</summary>
    internal static Task<int?> LocateInIndexAsync<T>(IQueryable<T> query, int offset, bool backwards, int afterRow, CancellationToken ct)
        where T : class, IRowNumbered
    {
        var bounded = afterRow > 0 ? query.Where(r => r.RowNumber > afterRow) : query;
        var numbers = backwards ? bounded.OrderByDescending(r => r.RowNumber) : bounded.OrderBy(r => r.RowNumber);
        return numbers.Select(r => (int?)r.RowNumber).Skip(offset).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Where the rows of an import are numbered without a gap (every record of the file is staged, so they are), the
    /// first row number: a page of them is then found by arithmetic. Walking the key to a middle page of a million rows
    /// reads every row on the way, since the rows are stored in the key's B-tree.
    /// </summary>
    internal static async Task<int?> FirstOfConsecutiveAsync(BulkImportDbContext db, Import import, CancellationToken ct)
    {
        // MIN and MAX of the key are each one seek; with the count they prove there is no gap.
        var rows = db.ImportRows.Where(r => r.ImportId == import.Id);
        var first = await rows.Select(r => (int?)r.RowNumber).MinAsync(ct);
        var last = await rows.Select(r => (int?)r.RowNumber).MaxAsync(ct);
        return first is { } f && last is { } l && l - f + 1 == import.TotalRows ? f : null;
    }

    /// <summary>
    /// The Valid row <paramref name="offset"/> rows from either end of those still waiting (after row <paramref name="through"/>).
    /// Valid rows have no index (most rows of a file are Valid, and an entry each cost the staging about a tenth of its
    /// writes), but they are every row the index of the others does not hold: the answer is counted around the rows that
    /// are not Valid. Each row that is not Valid between the nearer end and the answer moves the answer one row further;
    /// they are counted in strides (the answer moves by the count of the stride it skipped, and the next stride is the
    /// rows it moved over), which SQLite does inside the index, and the last few are walked.
    /// </summary>
    internal static async Task<int?> LocateValidAsync(BulkImportDbContext db, Import import, int through, int offset, bool backwards, CancellationToken ct)
    {
        var valid = db.ImportRows.Where(r => r.ImportId == import.Id && r.Status == RowStatus.Valid);
        if (await FirstOfConsecutiveAsync(db, import, ct) is not { } first)
        {
            return await LocateInIndexAsync(valid, offset, backwards, through, ct);
        }

        var last = first + import.TotalRows - 1;
        var before = Math.Max(through, first - 1);
        using var notValid = new NotValidRowIndex(db.Database.GetDbConnection(), import.Id);
        int target;
        if (backwards)
        {
            // Rows above "upper" are counted; the answer is "target" plus however many of the rows from it to "upper" are not Valid.
            target = last - offset;
            var upper = last;
            for (var stride = 0; stride < MaxStrides && target > before; stride++)
            {
                var moved = notValid.Count(Math.Max(target - 1, before), upper);
                upper = target - 1;
                target -= moved;
                if (moved < WalkBelow)
                {
                    break;
                }
            }

            foreach (var rowNumber in notValid.Walk(before, Math.Max(upper, before), descending: true))
            {
                if (rowNumber < target)
                {
                    break;
                }

                target--;
            }
        }
        else
        {
            target = before + offset + 1;
            var counted = before;
            for (var stride = 0; stride < MaxStrides && target <= last; stride++)
            {
                var moved = notValid.Count(counted, target);
                counted = target;
                target += moved;
                if (moved < WalkBelow)
                {
                    break;
                }
            }

            foreach (var rowNumber in notValid.Walk(counted, last, descending: false))
            {
                if (rowNumber > target)
                {
                    break;
                }

                target++;
            }
        }

        return target > before && target <= last ? target : null;
    }

    /// <summary>Counting strides stop when one moves the answer fewer rows than this, and the rest are walked.</summary>
    private const int WalkBelow = 64;

    /// <summary>A bound on the strides, for files almost all of whose rows are errors (the walk finishes the count).</summary>
    private const int MaxStrides = 2_000;
}
