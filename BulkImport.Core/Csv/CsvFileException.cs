namespace BulkImport.Core.Csv;

/// <summary>
/// Thrown by <see cref="ParsedFile.Rows"/> when the file turns out to be unreadable part-way (an unterminated quote,
/// a record over <see cref="CsvLimits.MaxRecordBytes"/>, more than <see cref="CsvLimits.MaxDataRows"/> rows, a value
/// under a blank header). The import then fails as a whole, with <see cref="Problem"/> as its file-level error.
/// </summary>
public sealed class CsvFileException(FileMessage problem) : Exception(problem.Message)
{
    /// <summary>The file-level error to show.</summary>
    public FileMessage Problem { get; } = problem;
}
