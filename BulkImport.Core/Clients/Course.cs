namespace BulkImport.Core.Clients;

/// <summary>A course clients are assigned to; its fee is what an auto-created invoice charges.</summary>
public sealed class Course
{
    public int CourseId { get; set; }
    public required string CourseCode { get; set; }
    public required string CourseName { get; set; }
    public decimal Fee { get; set; }
    public List<Section> Sections { get; set; } = [];
}
