using System.Globalization;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.ClientAssignments;

/// <summary>
/// The snapshot a Client Assignment row is checked against, loaded once per validation pass: which clients and
/// courses exist, which course each section belongs to, and which assignments exist already.
/// </summary>
public sealed class ClientAssignmentLookups
{
    public required IReadOnlySet<int> ClientIds { get; init; }

    public required IReadOnlySet<int> CourseIds { get; init; }

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

            return new ClientAssignmentLookups
            {
                ClientIds = (await db.Clients.AsNoTracking().Select(c => c.ClientId).ToListAsync(ct)).ToHashSet(),
                CourseIds = (await db.Courses.AsNoTracking().Select(c => c.CourseId).ToListAsync(ct)).ToHashSet(),
                SectionCourses = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.SectionId, s => s.CourseId, ct),
                Assignments = assignments,
            };
        }

        var clientIds = IdsIn(onlyRows, ClientAssignmentColumns.ClientId);
        var courseIds = IdsIn(onlyRows, ClientAssignmentColumns.CourseId);
        var sectionIds = IdsIn(onlyRows, ClientAssignmentColumns.SectionId);
        var existing = await db.ClientAssignments.AsNoTracking()
            .Where(a => clientIds.Contains(a.ClientId) && courseIds.Contains(a.CourseId) && sectionIds.Contains(a.SectionId))
            .Select(a => new { a.ClientId, a.CourseId, a.SectionId })
            .ToListAsync(ct);
        return new ClientAssignmentLookups
        {
            ClientIds = (await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.ClientId)).Select(c => c.ClientId).ToListAsync(ct)).ToHashSet(),
            CourseIds = (await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.CourseId)).Select(c => c.CourseId).ToListAsync(ct)).ToHashSet(),
            SectionCourses = await db.Sections.AsNoTracking().Where(s => sectionIds.Contains(s.SectionId)).ToDictionaryAsync(s => s.SectionId, s => s.CourseId, ct),
            Assignments = existing.Select(a => new AssignmentKey(a.ClientId, a.CourseId, a.SectionId)).ToHashSet(),
        };
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
