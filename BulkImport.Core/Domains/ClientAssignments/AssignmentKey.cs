using System.Globalization;

namespace BulkImport.Core.Domains.ClientAssignments;

/// <summary>What identifies an assignment (SPEC section 7): the client, the course and the section.</summary>
public readonly record struct AssignmentKey(int ClientId, int CourseId, int SectionId)
{
    private const char Separator = '|';

    /// <summary>The key as staged in <c>ImportRow.RowKey</c> for the duplicate rule: "3|101|1001".</summary>
    public string ToRowKey() => string.Create(CultureInfo.InvariantCulture, $"{ClientId}{Separator}{CourseId}{Separator}{SectionId}");

    /// <summary>"Client 3, CourseID 101, SectionID 1001", as messages name an assignment.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"Client {ClientId}, CourseID {CourseId}, SectionID {SectionId}");

    public static bool TryParseRowKey(string rowKey, out AssignmentKey key)
    {
        var parts = rowKey.Split(Separator);
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var clientId)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var courseId)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sectionId))
        {
            key = new AssignmentKey(clientId, courseId, sectionId);
            return true;
        }

        key = default;
        return false;
    }
}
