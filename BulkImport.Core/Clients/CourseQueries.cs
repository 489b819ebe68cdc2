using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Clients;

/// <summary>Finds courses by Course Code, case-insensitive: by prefix for the course search, exactly for pre-filled templates.</summary>
public sealed class CourseQueries(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    /// <summary>Fewer characters than this find nothing: one letter would match too much to be useful.</summary>
    public const int MinSearchLength = 2;

    public const int MaxResults = 50;

    /// <summary>Courses whose Course Code starts with <paramref name="code"/> (ignoring case), ordered by Course Code.</summary>
    public async Task<IReadOnlyList<Course>> SearchByCodeAsync(string? code, CancellationToken ct)
    {
        var prefix = code?.Trim() ?? "";
        if (prefix.Length < MinSearchLength)
        {
            return [];
        }

        var upper = prefix.ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Courses.AsNoTracking()
            .Where(c => c.CourseCode.ToUpper().StartsWith(upper))
            .OrderBy(c => c.CourseCode)
            .Take(MaxResults)
            .ToListAsync(ct);
    }

    /// <summary>Every course by CourseID (a few dozen), for pages that name the courses of a client's assignments.</summary>
    public async Task<IReadOnlyDictionary<int, Course>> AllByIdAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Courses.AsNoTracking().ToDictionaryAsync(c => c.CourseId, ct);
    }

    /// <summary>The course with exactly this Course Code (ignoring case and surrounding spaces), or null.</summary>
    public async Task<Course?> FindByCodeAsync(string code, CancellationToken ct)
    {
        var upper = code.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.CourseCode.ToUpper() == upper, ct);
    }
}
