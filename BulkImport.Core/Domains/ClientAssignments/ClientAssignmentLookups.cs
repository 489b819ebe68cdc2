using System.Globalization;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.ClientAssignments;

/// <summary>
/// The snapshot a Client Assignment row is checked against, loaded once per validation pass: which clients and
/// courses exist, which course each section belongs to, which assignments exist already, and the CourseID of each
/// Course Code, for a CourseID cell given the code (a person reads a course by its code; the file wants its ID).
/// </summary>
public sealed class ClientAssignmentLookups
{
    private static readonly IReadOnlyDictionary<string, int> NoCodes = new Dictionary<string, int>();

    public required IReadOnlySet<int> ClientIds { get; init; }

    public required IReadOnlySet<int> CourseIds { get; init; }

    /// <summary>Course Code, ignoring case → CourseID: every course for a file; for a revalidation, the codes its CourseID cells hold.</summary>
    public IReadOnlyDictionary<string, int> CourseIdsByCode { get; init; } = NoCodes;

    /// <summary>SectionID → the CourseID it belongs to.</summary>
    public required IReadOnlyDictionary<int, int> SectionCourses { get; init; }

    public required IReadOnlySet<AssignmentKey> Assignments { get; init; }

    /// <summary>
    /// Loads everything, or, when <paramref name="onlyRows"/> is given, only what those rows refer to
    /// (revalidating a few edited rows must not load every assignment of the installation).
    /// </summary>
    public static async Task<ClientAssignmentLookups> LoadAsync(BulkImportDbContext db, IReadOnlyCollection<string?[]>? onlyRows, CancellationToken ct)
    {
        if (onlyRows is null)
        {
            var assignments = new HashSet<AssignmentKey>();
            var all = db.ClientAssignments.AsNoTracking()
                .Select(a => new { a.ClientId, a.CourseId, a.SectionId })
                .AsAsyncEnumerable();
            await foreach (var a in all.WithCancellation(ct))
            {
                assignments.Add(new AssignmentKey(a.ClientId, a.CourseId, a.SectionId));
            }

            var courses = await db.Courses.AsNoTracking().Select(c => new { c.CourseId, c.CourseCode }).ToListAsync(ct);
            return new ClientAssignmentLookups
            {
                ClientIds = (await db.Clients.AsNoTracking().Select(c => c.ClientId).ToListAsync(ct)).ToHashSet(),
                CourseIds = courses.Select(c => c.CourseId).ToHashSet(),
                CourseIdsByCode = ByCode(courses.Select(c => (c.CourseId, c.CourseCode))),
                SectionCourses = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.SectionId, s => s.CourseId, ct),
                Assignments = assignments,
            };
        }

        var clientIds = IdsIn(onlyRows, ClientAssignmentColumns.ClientId);
        var courseIds = IdsIn(onlyRows, ClientAssignmentColumns.CourseId);
        var sectionIds = IdsIn(onlyRows, ClientAssignmentColumns.SectionId);
        var codes = CodesIn(onlyRows);
        var coded = codes.Count == 0 ? []
            : await db.Courses.AsNoTracking().Where(c => codes.Contains(c.CourseCode.ToUpper())).Select(c => new { c.CourseId, c.CourseCode }).ToListAsync(ct);
        var existing = await db.ClientAssignments.AsNoTracking()
            .Where(a => clientIds.Contains(a.ClientId) && courseIds.Contains(a.CourseId) && sectionIds.Contains(a.SectionId))
            .Select(a => new { a.ClientId, a.CourseId, a.SectionId })
            .ToListAsync(ct);
        return new ClientAssignmentLookups
        {
            ClientIds = (await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.ClientId)).Select(c => c.ClientId).ToListAsync(ct)).ToHashSet(),
            CourseIds = (await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.CourseId)).Select(c => c.CourseId).ToListAsync(ct)).ToHashSet(),
            CourseIdsByCode = ByCode(coded.Select(c => (c.CourseId, c.CourseCode))),
            SectionCourses = await db.Sections.AsNoTracking().Where(s => sectionIds.Contains(s.SectionId)).ToDictionaryAsync(s => s.SectionId, s => s.CourseId, ct),
            Assignments = existing.Select(a => new AssignmentKey(a.ClientId, a.CourseId, a.SectionId)).ToHashSet(),
        };
    }

    private static Dictionary<string, int> ByCode(IEnumerable<(int CourseId, string CourseCode)> courses)
    {
        var byCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (courseId, courseCode) in courses.OrderBy(c => c.CourseId))
        {
            byCode.TryAdd(courseCode.Trim(), courseId);
        }

        return byCode;
    }

    /// <summary>The CourseID cells that are not IDs, in upper case as the query compares them: a code given for the ID.</summary>
    private static List<string> CodesIn(IReadOnlyCollection<string?[]> rows)
    {
        var index = Cells.IndexOf(ClientAssignmentColumns.All, ClientAssignmentColumns.CourseId);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var values in rows)
        {
            var text = index < values.Length ? CellText.Clean(values[index] ?? "").Trim() : "";
            if (text.Length > 0 && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                codes.Add(text.ToUpperInvariant());
            }
        }

        return [.. codes];
    }

    private static List<int> IdsIn(IReadOnlyCollection<string?[]> rows, string column)
    {
        var index = Cells.IndexOf(ClientAssignmentColumns.All, column);
        var ids = new HashSet<int>();
        foreach (var values in rows)
        {
            if (index < values.Length
                && int.TryParse(CellText.Clean(values[index] ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }
}
