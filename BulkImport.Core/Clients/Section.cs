namespace BulkImport.Core.Clients;

/// <summary>One running of a course.</summary>
public sealed class Section
{
    public int SectionId { get; set; }
    public int CourseId { get; set; }
    public required string SectionName { get; set; }
    public string? StartDate { get; set; }
    public Course? Course { get; set; }
}
