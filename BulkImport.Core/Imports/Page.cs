namespace BulkImport.Core.Imports;

/// <summary>One page of a longer list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount);

/// <summary>Paging arguments, clamped to sane values.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 500;

    public static PageRequest Of(int? page, int? pageSize, int defaultSize = 50) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? defaultSize, 1, MaxPageSize));

    /// <summary>
    /// The rows before this page. A page number from an address can be far past the end (<c>page=2147483647</c>): computed
    /// in int it overflowed to a negative offset and the query failed; it is computed in long and capped, so such a page
    /// is simply empty.
    /// </summary>
    public int Skip => (int)Math.Min(((long)Page - 1) * PageSize, int.MaxValue);
}
