namespace BulkImport.Core.Intake;

/// <summary>Where a file taken from a watched folder stands.</summary>
public enum IntakeState
{
    /// <summary>In processing/, its import under way (or waiting for a person).</summary>
    Processing,
    /// <summary>Moved to processed/ with its results beside it.</summary>
    Processed,
    /// <summary>Moved to error/ with its reasons beside it.</summary>
    Error,
}

/// <summary>
/// A file taken from a watched folder: its name and SHA-256 (so the same file is never imported twice), its import,
/// and where it went. A file left in processing/ by a crash is matched to its record, or to its import, at start.
/// </summary>
public sealed class IntakeFile
{
    public int Id { get; set; }
    /// <summary>The watched folder's full path.</summary>
    public required string Folder { get; set; }
    /// <summary>The file's name as shown and written (control and path characters removed).</summary>
    public required string FileName { get; set; }
    /// <summary>Its name in processing/, processed/ or error/ (the file name, made unique there when needed).</summary>
    public required string StoredName { get; set; }
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public int? ImportId { get; set; }
    public IntakeState State { get; set; }
    /// <summary>Why it went to error/ without an import (already imported, unreadable, refused).</summary>
    public string? Reason { get; set; }
    public DateTime TakenAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>
    /// Where its finish moves it ("processed/x (2).csv", relative to the folder), saved before anything is written or
    /// moved so a stop in between finishes to the same place after a restart; null once it is there.
    /// </summary>
    public string? Destination { get; set; }
}
